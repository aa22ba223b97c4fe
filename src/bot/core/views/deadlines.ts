// "What is due": a case's coming deadlines, soonest first, each with its status and standard.
import { isMilestoneKey } from '../../../rules/milestone-keys.js';
import { milestoneLabel as labelOf } from '../../../rules/milestone-labels.js';
import type { Milestone } from '../../../rules/milestones.js';
import { formatLondonDate } from '../../../rules/calendar.js';
import type { Block, View } from '../types.js';
import { countOf } from './format.js';

// The wording lives with the rules, one table for every key; re-exported for the core's callers.
export { MILESTONE_LABEL } from '../../../rules/milestone-labels.js';

/** Milestone.key is still typed string; every key evaluate() returns has a label. */
export function milestoneLabel(key: string): string {
  return isMilestoneKey(key) ? labelOf(key) : key;
}

/** One line: status and the explanation, which names what is due, by when, and the standard. */
export function milestoneLine(m: Milestone, caseRef?: string): string {
  const status = m.status === 'overdue' ? '*OVERDUE*: ' : '';
  const prefix = caseRef ? `*${caseRef}*: ` : '';
  return `${prefix}${status}${m.explanation}`;
}

export function upcoming(milestones: Milestone[]): Milestone[] {
  // A stage that is over is not chased: its missing entries are shown once, by `case`.
  return milestones.filter((m) => m.status !== 'met' && !m.notRecorded).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Overdue lines shown in full; older ones are named in one line so what can still be done comes first. */
const OVERDUE_SHOWN = 3;
const COMING_SHOWN = 10;

export function renderDeadlines(caseRef: string, childrenLabel: string, milestones: Milestone[], extra: Block[] = []): View {
  const open = upcoming(milestones);
  const overdue = open.filter((m) => m.status === 'overdue').reverse();
  const coming = open.filter((m) => m.status !== 'overdue');
  const blocks: Block[] = [{ type: 'header', text: `${caseRef}: coming deadlines` }, { type: 'context', text: `Children: ${childrenLabel}` }];
  if (open.length === 0) blocks.push({ type: 'text', text: 'Nothing is due on this case right now.' });
  if (overdue.length) {
    blocks.push({ type: 'text', text: '*Overdue, latest first*' }, { type: 'list', items: overdue.slice(0, OVERDUE_SHOWN).map((m) => milestoneLine(m)) });
    const older = overdue.slice(OVERDUE_SHOWN);
    if (older.length) blocks.push({ type: 'context', text: `Also overdue: ${older.map((m) => `${milestoneLabel(m.key)} (due ${formatLondonDate(m.due)})`).join('; ')}.` });
  }
  if (coming.length) {
    if (overdue.length) blocks.push({ type: 'text', text: '*Coming, soonest first*' });
    blocks.push({ type: 'list', items: coming.slice(0, COMING_SHOWN).map((m) => milestoneLine(m)) });
    if (coming.length > COMING_SHOWN) blocks.push({ type: 'context', text: `and ${countOf(coming.length - COMING_SHOWN, 'more deadline', 'more deadlines')} after these.` });
  }
  blocks.push(...extra);
  return {
    fallback: `${caseRef}: ${countOf(open.length, 'deadline')} coming${overdue.length ? `, ${overdue.length} overdue` : ''}.`,
    blocks,
  };
}
