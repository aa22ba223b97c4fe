// Nudge planning: pure functions the scheduler calls for each case.
export { planCaseNudges } from './plan-case.js';
export { readNudgeSettings, DEFAULT_NUDGE_SETTINGS, type NudgeSettings } from './settings.js';
export { viewToText, withNudgeId } from './views.js';
export { SNOOZE_STEP } from './chains.js';
export * from './types.js';
