// The one model of a case the core works on: the case facts the rules engine reads, plus the ids
// the store needs to act on them (which conference row, which invitation, which person). The rules
// accept it as plain CaseFacts; nothing outside the store builds or patches one.
import type { CaseEvent, CaseFacts, Conference, Dissent, Invitee } from '../rules/case-facts.js';

export interface StoredInvitee extends Invitee {
  invitationId: number;
  personId: number;
}

export interface StoredConference extends Conference {
  /** The conference row's id (outbox rows and notices name it). */
  dbId: number;
  invitees: StoredInvitee[];
}

export interface StoredEvent extends CaseEvent {
  id: number;
}

export interface StoredDissent extends Dissent {
  id: number;
  /** Who lodged it, when lodged through Quorum (imported entries may name someone unknown). */
  personId: number | null;
}

export interface StoredFacts extends CaseFacts {
  conferences: StoredConference[];
  events: StoredEvent[];
  dissents: StoredDissent[];
}

export interface StoredCase {
  id: number;
  ref: string;
  partnershipId: number | null;
  profile: string;
  status: 'open' | 'closed';
  leadSocialWorkerId: number | null;
  facts: StoredFacts;
}

export function findConference(c: StoredCase, key: string | undefined): StoredConference | undefined {
  return key === undefined ? undefined : c.facts.conferences.find((f) => f.id === key);
}

export function findInvitee(conf: StoredConference | undefined, personId: number): StoredInvitee | undefined {
  return conf?.invitees.find((i) => i.personId === personId);
}
