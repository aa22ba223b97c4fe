// Mounts the Slack app (being built in the Slack issue).
import type { AppContext, Mounted } from '../plugin.js';

export async function mountSlack(_ctx: AppContext): Promise<Mounted> {
  return {};
}
