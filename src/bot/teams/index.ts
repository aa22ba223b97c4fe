// Mounts the Teams bot (being built in the Teams issue).
import type { AppContext, Mounted } from '../plugin.js';

export async function mountTeams(_ctx: AppContext): Promise<Mounted> {
  return {};
}
