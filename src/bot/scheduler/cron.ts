// The sweep timer: node-cron in Europe/London. A tick that starts while the last one still runs is
// skipped (not queued), so a slow sweep never piles up; other replicas' ticks are harmless anyway.
import cron from 'node-cron';
import type { Logger } from 'pino';

export interface CronHandle {
  stop(): Promise<void>;
  /** Resolves when the tick in flight (if any) has finished. */
  idle(): Promise<void>;
}

export function scheduleTicks(expression: string, tick: () => Promise<void>, log: Logger): CronHandle {
  if (!cron.validate(expression)) throw new Error(`QUORUM_SWEEP_CRON is not a valid cron expression: "${expression}"`);
  let running: Promise<void> | null = null;
  const task = cron.schedule(
    expression,
    () => {
      if (running) {
        log.warn({ code: 'SWEEP_OVERLAP_SKIPPED' }, 'sweep still running: this tick is skipped');
        return;
      }
      running = tick()
        .catch((err: unknown) => log.error({ code: 'SWEEP_FAILED', err: (err as Error).name }, 'sweep failed'))
        .finally(() => {
          running = null;
        });
    },
    { timezone: 'Europe/London', name: 'quorum-sweep' },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
      await running;
    },
    idle: async () => {
      await running;
    },
  };
}
