// When a pre-conference milestone was done, from what the case facts record about the conference.
import type { Conference, Invitee } from './case-facts.js';
import type { PreConferenceKey } from './milestone-keys.js';
import { reportAuthors, socialWorkerOf } from './participants.js';
import type { Profile } from './profiles.js';

export type Done = { at: Date };

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

export function doneBy(key: PreConferenceKey, c: Conference, profile: Profile): Done | null {
  switch (key) {
    case 'invitations':
      return instant(c.invitationsSentAt);
    case 'reports_to_attendees':
      return instant(c.reportsCirculatedAt);
    case 'reports':
      return allDone(reportAuthors(c), (i) => i.reportSubmittedAt);
    case 'social_worker_report':
      return instant(socialWorkerOf(c)?.reportSubmittedAt);
    case 'social_worker_report_to_family':
      return instant(socialWorkerOf(c)?.reportSharedAt);
    case 'reports_to_family': {
      // Exempt sectors (Devon: police) and reports withheld for a recorded reason are not owed.
      const owed = reportAuthors(c).filter((i) => !profile.familySharingExemptSectors.includes(i.sector) && !i.reportWithheldReason);
      return allDone(owed, (i) => i.reportSharedAt);
    }
    default: {
      // A key added to PRE_CONFERENCE_KEYS without a case here fails to compile.
      const missing: never = key;
      throw new Error(`no rule for when "${String(missing)}" is done`);
    }
  }
}
