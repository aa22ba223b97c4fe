// `mine`: everything due for me in the next 10 working days, across my cases.
import { addWorkingDays, londonDate } from '../../../rules/calendar.js';
import { evaluate, type Milestone } from '../../../rules/milestones.js';
import { loadProfile } from '../../../rules/profiles.js';
import type { Role } from '../../../rules/roles.js';
import type { StoredCase } from '../../../store/case-model.js';
import { myInvitation } from '../case-access.js';
import type { HandlerContext } from '../handler.js';
import type { Block, CoreReply, View } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceInSentence, countOf } from '../views/format.js';

const HORIZON_WORKING_DAYS = 10;

export interface MyItem {
  caseRef: string;
  dueAt: string;
  line: string;
  /** The case's next conference where I still owe a reply: home shows its card. */
  awaitingReply?: { conference: string };
}

export async function collectMine(h: HandlerContext): Promise<MyItem[]> {
  const horizon = addWorkingDays(londonDate(h.req.now), HORIZON_WORKING_DAYS);
  const items: MyItem[] = [];
  for (const { case: c, roles } of await h.repo.casesOfPerson(h.person.id)) {
    const profile = loadProfile(c.profile);
    const held = new Set(roles);
    for (const m of evaluate(c.facts, profile, h.req.now)) {
      if (m.status === 'met' || m.due > horizon || !ownedBy(m, held, c, h.person.id)) continue;
      items.push({ caseRef: c.ref, dueAt: m.dueAt, line: milestoneLine(m, c.ref) });
    }
    for (const conf of c.facts.conferences) {
      if (conf.status !== 'scheduled' || Date.parse(conf.at) < h.req.now.getTime()) continue;
      if (myInvitation(conf, h.person.id)?.response === 'no_reply') {
        items.push({ caseRef: c.ref, dueAt: conf.at, line: `${c.ref}: *Reply needed* for the ${conferenceInSentence(conf)}`, awaitingReply: { conference: conf.id } });
      }
    }
  }
  await h.repo.auditReads([...new Set(items.map((i) => i.caseRef))].map((ref) => ({ caseRef: ref, action: 'CASE_DEADLINES_VIEWED' as const, subject: { type: 'case' as const, id: ref }, detail: { via: 'mine' } })));
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Whether this milestone is the person's to meet: their report, or a duty of a role they hold on the case. */
export function ownedBy(m: Milestone, roles: Set<Role>, c: StoredCase, personId: number): boolean {
  switch (m.owner) {
    case 'invitees': {
      // Reports: only mine, and only while I still owe one.
      const mine = myInvitation(c.facts.conferences.find((f) => f.id === m.conference), personId);
      return Boolean(mine && !mine.reportSubmittedAt);
    }
    case 'core_group':
      return roles.has('core_group') || roles.has('social_worker');
    default:
      return roles.has(m.owner);
  }
}

export async function runMine(h: HandlerContext): Promise<CoreReply> {
  return { view: renderMine(await collectMine(h)) };
}

export function renderMine(items: MyItem[]): View {
  const blocks: Block[] = [{ type: 'header', text: `Due for you in the next ${HORIZON_WORKING_DAYS} working days` }];
  if (items.length === 0) blocks.push({ type: 'text', text: 'Nothing is due for you in the next 10 working days.' });
  else blocks.push({ type: 'list', items: items.slice(0, 30).map((i) => i.line) });
  return { fallback: `${countOf(items.length, 'thing')} due for you in the next ${HORIZON_WORKING_DAYS} working days.`, blocks };
}
