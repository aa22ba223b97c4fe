// A person's calendar feed: the conferences they are invited to on open cases and their own open
// deadlines there (reference and children's initials only), each read audited; and revoking every
// feed link they were sent.
import { evaluate } from '../../../rules/milestones.js';
import { loadProfile } from '../../../rules/profiles.js';
import type { StoredCase } from '../../../store/case-model.js';
import type { Role } from '../../../rules/roles.js';
import { ownedBy } from '../commands/mine.js';
import type { HandlerContext } from '../handler.js';
import type { CoreReply, FeedDeadline, FeedEntry } from '../types.js';
import { milestoneLabel } from '../views/deadlines.js';
import { childLabel } from '../../../rules/case-facts.js';

export async function readCalendarFeedFor(h: HandlerContext): Promise<CoreReply> {
  const entries: FeedEntry[] = [];
  const deadlines: FeedDeadline[] = [];
  const reads: Parameters<HandlerContext['repo']['auditReads']>[0] = [];
  for (const { case: c, roles } of await h.repo.casesOfPerson(h.person.id)) {
    const initials = c.facts.children.map(childLabel);
    const mine = myDeadlines(h, c, roles, initials);
    if (mine.length) reads.push({ caseRef: c.ref, action: 'CASE_DEADLINES_VIEWED', subject: { type: 'case', id: c.ref }, detail: { via: 'calendar_feed' } });
    deadlines.push(...mine);
    for (const conf of c.facts.conferences) {
      const mine = conf.invitees.find((i) => i.personId === h.person.id);
      if (!mine || conf.status === 'held') continue;
      entries.push({ caseRef: c.ref, conferenceId: conf.dbId, type: conf.type, at: conf.at, status: conf.status, initials });
      reads.push({ caseRef: c.ref, action: 'INVITATION_VIEWED', subject: { type: 'invitation', id: mine.invitationId }, detail: { via: 'calendar_feed' } });
    }
  }
  await h.repo.auditReads(reads);
  return { calendar: entries, calendarDeadlines: deadlines };
}

function myDeadlines(h: HandlerContext, c: StoredCase, roles: Role[], initials: string[]): FeedDeadline[] {
  const held = new Set(roles);
  return evaluate(c.facts, loadProfile(c.profile), h.req.now)
    .filter((m) => m.status !== 'met' && !m.notRecorded && ownedBy(m, held, c, h.person.id))
    .map((m) => ({ caseRef: c.ref, caseId: c.id, key: m.key, conference: m.conference ?? undefined, due: m.due, summary: `${milestoneLabel(m.key)}: ${c.ref} (${initials.join(', ')})`, explanation: m.explanation }));
}

export async function revokeCalendarFeedFor(h: HandlerContext): Promise<CoreReply> {
  await h.repo.revokeCalendarFeed(h.person.id);
  return { view: { fallback: 'Calendar link stopped.', blocks: [{ type: 'text', text: 'Your calendar link no longer works. Your next Quorum email has a new one.' }] } };
}
