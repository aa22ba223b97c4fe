// When a pre-conference milestone was done, from what the case facts record about the conference.
import type { Conference, Invitee } from './case-facts.js';
import type { Profile } from './profiles.js';

export type Done = { at: Date };

/** Professionals who owe a report: not children's social care, not the family or chair, not declined. */
export function reportAuthors(c: Conference): Invitee[] {
  return c.invitees.filter(
    (i) => i.sector !== 'childrens_social_care' && i.response !== 'declined' && i.role !== 'family' && i.role !== 'chair',
  );
}

function socialWorker(c: Conference): Invitee | undefined {
  return c.invitees.find((i) => i.role === 'social_worker') ?? c.invitees.find((i) => i.sector === 'childrens_social_care' && i.role === 'professional');
}

// Done when every one has done it; the time is the last of them. Nobody to ask means not done.
function allDone(people: Invitee[], pick: (i: Invitee) => string | null | undefined): Done | null {
  if (people.length === 0) return null;
  let latest = -Infinity;
  for (const p of people) {
    const v = pick(p);
    if (!v) return null;
    latest = Math.max(latest, Date.parse(v));
  }
  return { at: new Date(latest) };
}

const instant = (s: string | null | undefined): Done | null => (s ? { at: new Date(s) } : null);

export function doneBy(key: string, c: Conference, profile: Profile): Done | null {
  switch (key) {
    case 'invitations':
      return instant(c.invitationsSentAt);
    case 'reports_to_attendees':
      return instant(c.reportsCirculatedAt);
    case 'reports':
      return allDone(reportAuthors(c), (i) => i.reportSubmittedAt);
    case 'social_worker_report':
      return instant(socialWorker(c)?.reportSubmittedAt);
    case 'social_worker_report_to_family':
      return instant(socialWorker(c)?.reportSharedAt);
    case 'reports_to_family': {
      // Exempt sectors (Devon: police) and reports withheld for a recorded reason are not owed.
      const owed = reportAuthors(c).filter((i) => !profile.familySharingExemptSectors.includes(i.sector) && !i.reportWithheldReason);
      return allDone(owed, (i) => i.reportSharedAt);
    }
    default:
      return null;
  }
}
