// The core's wiring, in one function: the running app and the CLI build it the same way, so both
// re-plan after every change, write notices and snooze with the same morning hour.
import type { Store } from '../../store/db.js';
import type { CoreDeps } from './types.js';

export interface NudgeHourConfig {
  QUORUM_NUDGE_START_HOUR: number;
}

/** Morning nudges fall due at 09:00 London, or at the start of nudge hours if that is later. */
export function morningHourOf(config: NudgeHourConfig): number {
  return Math.max(9, config.QUORUM_NUDGE_START_HOUR);
}

export function createCoreDeps(config: NudgeHourConfig, store: Store, kick?: () => void): CoreDeps {
  return { store, kick, morningHour: morningHourOf(config) };
}
