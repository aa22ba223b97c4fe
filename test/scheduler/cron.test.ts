// The sweep timer: a tick that is still running makes the next one skip rather than overlap.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { scheduleTicks } from '../../src/bot/scheduler/cron.js';

describe('scheduleTicks', () => {
  it('never runs two ticks at once when one is slower than the interval', async () => {
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
    await new Promise((r) => setTimeout(r, 4200));
    await handle.stop();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(most).toBe(1);
  });

  it('refuses an invalid cron expression with a clear message', () => {
    expect(() => scheduleTicks('every 15 minutes', async () => {}, pino({ level: 'silent' }))).toThrow(/QUORUM_SWEEP_CRON/);
  });
});
