// Who counts for what at a conference, said once: the planner, the views and the rules ask here.
import type { Invitee } from './case-facts.js';

/** A professional invitee: not the family, not the chair. */
export function isProfessional(i: Invitee): boolean {
  return i.role !== 'family' && i.role !== 'chair';
}

/** Professionals who owe a report: not children's social care, not the family or chair, not declined. */
export function reportAuthors<I extends Invitee>(c: { invitees: I[] }): I[] {
  return c.invitees.filter((i) => isProfessional(i) && i.sector !== 'childrens_social_care' && i.response !== 'declined');
}

/** The social worker invited to the conference (or a children's social care professional). */
export function socialWorkerOf<I extends Invitee>(c: { invitees: I[] }): I | undefined {
  return c.invitees.find((i) => i.role === 'social_worker') ?? c.invitees.find((i) => i.sector === 'childrens_social_care' && i.role === 'professional');
}

export function chairOf<I extends Invitee>(c: { invitees: I[] }): I | undefined {
  return c.invitees.find((i) => i.role === 'chair');
}
