// Starts the nudge scheduler: a catch-up tick at start, then one per QUORUM_SWEEP_CRON (Europe/London),
// a light dispatch poll for retries, and `kick()` for rows a chat action just wrote.
import { purgeOldReplays } from '../../store/repository/index.js';
import { morningHourOf } from '../core/deps.js';
import type { ChannelSender } from '../core/types.js';
import type { AppContext, SchedulerHandle } from '../plugin.js';
import { scheduleTicks } from './cron.js';
import { dispatch } from './dispatch.js';
import { sweep } from './sweep.js';

export { claimDue, dispatch, type DispatchOptions, type DispatchOutcome } from './dispatch.js';
export { runTick, type TickLine, type TickOptions, type TickStatus } from './tick.js';
export { sweep, sweepCases, type SweepOptions, type SweepResult } from './sweep.js';
export { isNudgeTime, DEFAULT_NUDGE_HOURS, type NudgeHours } from './working-hours.js';

const POLL_MS = 60_000;
const KICK_DEBOUNCE_MS = 100;

export async function startScheduler(ctx: AppContext, senders: ChannelSender[]): Promise<SchedulerHandle> {
  const { config, store, log } = ctx;
  if (config.QUORUM_SCHEDULER === 'off') {
    // Chat on this replica still re-plans and writes notices; another replica's scheduler sends them.
    log.info({ code: 'SCHEDULER_OFF' }, 'scheduler: off (QUORUM_SCHEDULER=off): this replica neither sweeps nor sends; chat still plans nudges');
    return { kick: () => {}, stop: async () => {} };
  }
  const hours = { start: config.QUORUM_NUDGE_START_HOUR, end: config.QUORUM_NUDGE_END_HOUR };
  const morningHour = morningHourOf(config);
  const dispatchOpts = { senders, hours, log };

  let dispatching: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const runDispatch = (): void => {
    if (stopped) return;
    if (dispatching) {
      again = true;
      return;
    }
    dispatching = dispatch(store.db, new Date(), dispatchOpts)
      .catch((err: unknown) => log.error({ code: 'DISPATCH_FAILED', err: (err as Error).name }, 'dispatch failed'))
      .finally(() => {
        dispatching = null;
        if (again) {
          again = false;
          runDispatch();
        }
      });
  };
  const tick = async (): Promise<void> => {
    const now = new Date();
    const swept = await sweep(store.db, now, { morningHour, collect: false });
    await purgeOldReplays(store.db, now);
    log.info({ code: 'SWEEP_DONE', cases: swept.cases, enqueued: swept.counts.enqueued, cancelled: swept.counts.cancelled, ms: Date.now() - now.getTime() }, 'sweep done');
    runDispatch();
  };

  const cronHandle = scheduleTicks(config.QUORUM_SWEEP_CRON, tick, log);
  // Catch up once after downtime, rather than once per missed tick.
  const first = tick().catch((err: unknown) => log.error({ code: 'SWEEP_FAILED', err: (err as Error).name }, 'sweep failed'));
  const poll = setInterval(runDispatch, POLL_MS);
  poll.unref();
  let kickTimer: NodeJS.Timeout | undefined;
  log.info({ code: 'SCHEDULER_ON', cron: config.QUORUM_SWEEP_CRON, startHour: hours.start, endHour: hours.end }, 'scheduler: on');

  return {
    kick: () => {
      clearTimeout(kickTimer);
      kickTimer = setTimeout(runDispatch, KICK_DEBOUNCE_MS);
      kickTimer.unref();
    },
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      clearTimeout(kickTimer);
      await cronHandle.stop();
      await first;
      while (dispatching) await dispatching;
    },
  };
}
