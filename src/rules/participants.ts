// Who counts for what at a conference, decided once: the deadlines (met.ts), the quorum and the
// nudges must agree on who owes a report and who the social worker is.
import type { Invitee } from './case-facts.js';

/**
 * The fields these helpers read. A case-facts invitee has them, and so does a store invitation row
 * (whose columns are plain text), so the bot can ask the same questions of either.
 */
export type Participant = { role: string; sector: string; response: string };
type Invited<T> = { invitees: readonly T[] };

/** An agency's practitioner: not the family, not the chair (who run and attend the conference). */
export function isProfessional(invitee: Pick<Participant, 'role'>): boolean {
  return invitee.role !== 'family' && invitee.role !== 'chair';
}

/** Owes a written report: a professional outside children's social care who has not declined. */
export function owesReport(invitee: Participant): boolean {
  return isProfessional(invitee) && invitee.sector !== 'childrens_social_care' && invitee.response !== 'declined';
}

export function reportAuthors<T extends Participant = Invitee>(conference: Invited<T>): T[] {
  return conference.invitees.filter(owesReport);
}

/** The named social worker, else the first practitioner from children's social care. */
export function socialWorkerOf<T extends Participant = Invitee>(conference: Invited<T>): T | undefined {
  return (
    conference.invitees.find((i) => i.role === 'social_worker') ??
    conference.invitees.find((i) => i.sector === 'childrens_social_care' && i.role === 'professional')
  );
}

export function chairOf<T extends Participant = Invitee>(conference: Invited<T>): T | undefined {
  return conference.invitees.find((i) => i.role === 'chair');
}
