// `mine`: everything due for me in the next 10 working days, across my cases.
import { addWorkingDays, londonDate } from '../../../rules/calendar.js';
import { evaluate, type Milestone } from '../../../rules/milestones.js';
import { loadProfile } from '../../../rules/profiles.js';
import { appendAuditMany } from '../../../store/audit.js';
import { loadCases } from '../../../store/cases.js';
import { casesOfPerson } from '../../../store/people.js';
import type { Role } from '../../../store/schema.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { Block, CoreReply, View } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceLabel } from '../views/format.js';

const HORIZON_WORKING_DAYS = 10;

export interface MyItem {
  caseRef: string;
  dueAt: string;
  line: string;
  /** The case's next conference where I still owe a reply: home shows its card. */
  awaitingReply?: { conference: string };
}

export async function collectMine(h: HandlerContext): Promise<MyItem[]> {
  const memberships = await casesOfPerson(h.tx, h.person.id);
  const rolesByCase = new Map<number, Set<Role>>();
  for (const m of memberships) rolesByCase.set(m.caseId, (rolesByCase.get(m.caseId) ?? new Set()).add(m.role));
  const loaded = await loadCases(h.tx, [...rolesByCase.keys()]);
  const horizon = addWorkingDays(londonDate(h.req.now), HORIZON_WORKING_DAYS);
  const items: MyItem[] = [];
  for (const [caseId, roles] of rolesByCase) {
    const lc = loaded.get(caseId);
    if (!lc) continue;
    const profile = loadProfile(lc.row.profile);
    for (const m of evaluate(lc.facts, profile, h.req.now)) {
      if (m.status === 'met' || m.due > horizon || !ownedBy(m, roles, lc, h.person.id)) continue;
      items.push({ caseRef: lc.row.ref, dueAt: m.dueAt, line: milestoneLine(m, lc.row.ref) });
    }
    for (const conf of lc.facts.conferences) {
      if (conf.status !== 'scheduled' || Date.parse(conf.at) < h.req.now.getTime()) continue;
      const mine = lc.invitations.get(conf.id)?.find((i) => i.personId === h.person.id);
      if (mine?.response === 'no_reply') {
        items.push({ caseRef: lc.row.ref, dueAt: conf.at, line: `${lc.row.ref}: *Reply needed* for the ${conferenceLabel(conf)}`, awaitingReply: { conference: conf.id } });
      }
    }
  }
  await appendAuditMany(
    h.tx,
    [...new Set(items.map((i) => i.caseRef))].map((ref) => ({ ...auditBase(h, ref), action: 'CASE_DEADLINES_VIEWED', subjectType: 'case', subjectId: ref, detail: { via: 'mine' } })),
  );
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

function ownedBy(m: Milestone, roles: Set<Role>, lc: { invitations: Map<string, { personId: number; reportSubmittedAt: Date | null }[]> }, personId: number): boolean {
  switch (m.owner) {
    case 'invitees': {
      // Reports: only mine, and only while I still owe one.
      const mine = m.conference ? lc.invitations.get(m.conference)?.find((i) => i.personId === personId) : undefined;
      return Boolean(mine && !mine.reportSubmittedAt);
    }
    case 'core_group':
      return roles.has('core_group') || roles.has('social_worker');
    default:
      return roles.has(m.owner as Role);
  }
}

export async function runMine(h: HandlerContext): Promise<CoreReply> {
  return { view: renderMine(await collectMine(h)) };
}

export function renderMine(items: MyItem[]): View {
  const blocks: Block[] = [{ type: 'header', text: `Due for you in the next ${HORIZON_WORKING_DAYS} working days` }];
  if (items.length === 0) blocks.push({ type: 'text', text: 'Nothing is due for you in the next 10 working days.' });
  else blocks.push({ type: 'list', items: items.slice(0, 30).map((i) => i.line) });
  return { fallback: `${items.length} thing(s) due for you in the next ${HORIZON_WORKING_DAYS} working days.`, blocks };
}
