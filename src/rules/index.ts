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
export { explain, formatSource, formatCitationShort, formatAmount, sourceFileOf } from './format.js';
export { DOCUMENTS, DOCUMENT_KEYS, documentOf, type DocumentKey, type SourceDocument } from './documents.js';
