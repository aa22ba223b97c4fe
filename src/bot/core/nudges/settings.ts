// Nudge timings: defaults from the issue, each overridable by a profile's `nudges` object.
import type { Profile } from '../../../rules/profiles.js';

export interface NudgeSettings {
  /** Working days before the report deadline (0: the morning of the deadline). */
  reportReminderDays: number[];
  /** Working days before the family-sharing deadline. */
  shareReminderDays: number[];
  /** Working days before the conference to chase a missing reply. */
  replyChaseDays: number[];
  /** Daily quorum alerts start this many working days before the conference. */
  quorumAlertDays: number;
  /** An initial conference not booked once this many working days of its clock are gone. */
  icpcUnbookedAfterDays: number;
  /** Working days before a timescale deadline that its owner is reminded. */
  timescaleReminderDays: number;
  /** Working days after a missed deadline that the team manager hears. */
  escalateAfterDays: number;
}

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = {
  reportReminderDays: [2, 0],
  shareReminderDays: [2, 0],
  replyChaseDays: [5, 2],
  quorumAlertDays: 5,
  icpcUnbookedAfterDays: 10,
  timescaleReminderDays: 2,
  escalateAfterDays: 2,
};

const cache = new WeakMap<Profile, NudgeSettings>();

export function readNudgeSettings(profile: Profile): NudgeSettings {
  let settings = cache.get(profile);
  if (settings) return settings;
  const over = profile.nudges ?? {};
  const list = (name: keyof NudgeSettings, fallback: number[]): number[] => {
    const v = over[name];
    if (v === undefined) return fallback;
    return (Array.isArray(v) ? v : [v]).map((n) => Math.round(n));
  };
  const one = (name: keyof NudgeSettings, fallback: number): number => {
    const v = over[name];
    if (v === undefined) return fallback;
    return Math.round(Array.isArray(v) ? (v[0] ?? fallback) : v);
  };
  const d = DEFAULT_NUDGE_SETTINGS;
  settings = {
    reportReminderDays: list('reportReminderDays', d.reportReminderDays),
    shareReminderDays: list('shareReminderDays', d.shareReminderDays),
    replyChaseDays: list('replyChaseDays', d.replyChaseDays),
    quorumAlertDays: one('quorumAlertDays', d.quorumAlertDays),
    icpcUnbookedAfterDays: one('icpcUnbookedAfterDays', d.icpcUnbookedAfterDays),
    timescaleReminderDays: one('timescaleReminderDays', d.timescaleReminderDays),
    escalateAfterDays: one('escalateAfterDays', d.escalateAfterDays),
  };
  cache.set(profile, settings);
  return settings;
}
