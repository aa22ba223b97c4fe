// Nudge planning: pure functions the scheduler calls for each case, and re-planning after a change.
export { planCaseNudges } from './plan-case.js';
export { planSource, planSources, replanCases } from './replan.js';
export { readNudgeSettings, DEFAULT_NUDGE_SETTINGS, type NudgeSettings } from './settings.js';
export { viewToText, withNudgeId } from './views.js';
export { SNOOZE_STEP } from './chains.js';
export * from './types.js';
