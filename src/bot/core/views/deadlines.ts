// "What is due": a case's coming deadlines, soonest first, each with its status and standard.
import type { Milestone } from '../../../rules/milestones.js';
import type { Block, View } from '../types.js';

export const MILESTONE_LABEL: Record<string, string> = {
  icpc: 'Initial conference',
  invitations: 'Invitations sent',
  reports: "Professionals' reports",
  social_worker_report: "Social worker's report",
  reports_to_family: 'Reports shared with the family',
  decision_sent: 'Decision and outline plan sent',
  minutes: 'Minutes sent',
  first_core_group: 'First core group',
  core_group: 'Next core group',
  statutory_visit: 'Next statutory visit',
  review: 'Review conference',
  early_review: 'Early review (after an inquorate conference)',
  dissent_window: 'Formal dissent window closes',
  dissent_review: "Manager's review of dissent",
};

export function milestoneLabel(key: string): string {
  return MILESTONE_LABEL[key] ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** One line: status and the explanation, which names what is due, by when, and the standard. */
export function milestoneLine(m: Milestone, caseRef?: string): string {
  const status = m.status === 'overdue' ? '*OVERDUE*: ' : '';
  const prefix = caseRef ? `*${caseRef}*: ` : '';
  return `${prefix}${status}${m.explanation}`;
}

export function upcoming(milestones: Milestone[]): Milestone[] {
  return milestones.filter((m) => m.status !== 'met').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export function renderDeadlines(caseRef: string, childrenLabel: string, milestones: Milestone[], extra: Block[] = []): View {
  const open = upcoming(milestones);
  const blocks: Block[] = [{ type: 'header', text: `${caseRef}: coming deadlines` }, { type: 'context', text: `Children: ${childrenLabel}` }];
  if (open.length === 0) blocks.push({ type: 'text', text: 'Nothing is due on this case right now.' });
  else blocks.push({ type: 'list', items: open.slice(0, 15).map((m) => milestoneLine(m)) });
  if (open.length > 15) blocks.push({ type: 'context', text: `and ${open.length - 15} more.` });
  blocks.push(...extra);
  const overdue = open.filter((m) => m.status === 'overdue').length;
  return {
    fallback: `${caseRef}: ${open.length} deadline(s) coming${overdue ? `, ${overdue} overdue` : ''}.`,
    blocks,
  };
}
