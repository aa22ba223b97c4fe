// The core's wiring, in one function: the running app and the CLI build it the same way, so both
// re-plan after every change, write notices and snooze with the same morning hour.
import { emailEnabled, slackEnabled, teamsMode, type Config } from '../../config.js';
import type { Store } from '../../store/db.js';
import type { Channel, CoreDeps } from './types.js';

export interface NudgeHourConfig {
  QUORUM_NUDGE_START_HOUR: number;
  QUORUM_NUDGE_END_HOUR?: number;
}

/** Morning nudges fall due at 09:00 London, or at the start of nudge hours if that is later. */
export function morningHourOf(config: NudgeHourConfig): number {
  return Math.max(9, config.QUORUM_NUDGE_START_HOUR);
}

/** The channels a configuration runs: what `case` and `invite` say about who can be reached. */
export function channelsOf(config: Config): Channel[] {
  return [...(slackEnabled(config) ? (['slack'] as const) : []), ...(teamsMode(config) !== 'off' ? (['teams'] as const) : []), ...(emailEnabled(config) ? (['email'] as const) : [])];
}

export function createCoreDeps(config: NudgeHourConfig | Config, store: Store, kick?: () => void): CoreDeps {
  // A whole configuration (the app, the CLI) says which channels run; a bare hour (tests) leaves it to the default.
  const channels = 'QUORUM_TEAMS_LOCAL' in config ? channelsOf(config) : undefined;
  return { store, kick, morningHour: morningHourOf(config), channels, nudgeHours: { start: config.QUORUM_NUDGE_START_HOUR, end: config.QUORUM_NUDGE_END_HOUR ?? 18 } };
}
