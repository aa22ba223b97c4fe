// The sweep timer: a tick that is still running makes the next one skip rather than overlap.
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { scheduleTicks } from '../../src/bot/scheduler/cron.js';

describe('scheduleTicks', () => {
  // On the fake clock: the overlap is about order, not speed, so seconds of ticks take no time.
  it('never runs two ticks at once when one is slower than the interval', async () => {
    vi.useFakeTimers();
    try {
      let running = 0;
      let most = 0;
      let runs = 0;
      const handle = scheduleTicks(
        '* * * * * *',
        async () => {
          running++;
          runs++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 2500));
          running--;
        },
        pino({ level: 'silent' }),
      );
      await vi.advanceTimersByTimeAsync(4200);
      // stop() waits for the tick in flight, which needs the clock to move on.
      const stopped = handle.stop();
      await vi.advanceTimersByTimeAsync(2500);
      await stopped;
      expect(runs).toBeGreaterThanOrEqual(1);
      expect(runs).toBeLessThanOrEqual(2);
      expect(most).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an invalid cron expression with a clear message', () => {
    expect(() => scheduleTicks('every 15 minutes', async () => {}, pino({ level: 'silent' }))).toThrow(/QUORUM_SWEEP_CRON/);
  });
});
