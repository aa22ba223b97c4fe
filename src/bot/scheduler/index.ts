// Starts the nudge scheduler (being built in the scheduler issue).
import type { ChannelSender } from '../core/types.js';
import type { AppContext, SchedulerHandle } from '../plugin.js';

export async function startScheduler(_ctx: AppContext, _senders: ChannelSender[]): Promise<SchedulerHandle> {
  return { kick: () => {}, stop: async () => {} };
}
