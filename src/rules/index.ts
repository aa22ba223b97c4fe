// The rules engine's public surface: pure functions over case facts and partnership profiles.
export * from './case-facts.js';
export * from './calendar.js';
export * from './profiles.js';
export * from './milestone-keys.js';
export { MILESTONE_LABEL, milestoneLabel, ruleLabel } from './milestone-labels.js';
export * from './participants.js';
export * from './milestones.js';
export * from './quorum.js';
export { computeSpan, computeRule, spansOf, type AnchorValue, type Deadline } from './deadline.js';
export { explain, formatSource, formatCitationShort, formatAmount } from './format.js';
