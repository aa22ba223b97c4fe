// A person's calendar feed: the conferences they are invited to on open cases (reference and
// children's initials only), each read audited; and revoking every feed link they were sent.
import type { HandlerContext } from '../handler.js';
import type { CoreReply, FeedEntry } from '../types.js';

export async function readCalendarFeedFor(h: HandlerContext): Promise<CoreReply> {
  const entries: FeedEntry[] = [];
  const reads: Parameters<HandlerContext['repo']['auditReads']>[0] = [];
  for (const { case: c } of await h.repo.casesOfPerson(h.person.id)) {
    const initials = c.facts.children.map((ch) => ch.initials);
    for (const conf of c.facts.conferences) {
      const mine = conf.invitees.find((i) => i.personId === h.person.id);
      if (!mine || conf.status === 'held') continue;
      entries.push({ caseRef: c.ref, conferenceId: conf.dbId, type: conf.type, at: conf.at, status: conf.status, initials });
      reads.push({ caseRef: c.ref, action: 'INVITATION_VIEWED', subject: { type: 'invitation', id: mine.invitationId }, detail: { via: 'calendar_feed' } });
    }
  }
  await h.repo.auditReads(reads);
  return { calendar: entries };
}

export async function revokeCalendarFeedFor(h: HandlerContext): Promise<CoreReply> {
  await h.repo.revokeCalendarFeed(h.person.id);
  return { view: { fallback: 'Calendar link stopped.', blocks: [{ type: 'text', text: 'Your calendar link no longer works. Your next Quorum email has a new one.' }] } };
}
