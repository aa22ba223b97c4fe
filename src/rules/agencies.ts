// Agencies are matched by a normalised key, not by comparing free text: case and whitespace are
// folded, and the sector is part of the identity, because one council (or one NHS trust) often
// fields several agencies that each count separately towards quorum.
import type { Agency, Sector } from './case-facts.js';

/** "  Wiltshire   Police " → "wiltshire police". */
export function normaliseAgencyName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The identity of an agency: its normalised name within its sector. */
export function agencyKey(name: string, sector: Sector | string): string {
  return `${sector}:${normaliseAgencyName(name)}`;
}

/**
 * Quorum's default when the directory does not say: a legal adviser (the council's solicitor)
 * brings professional expertise, not direct contact with the child, so it does not count.
 */
export function defaultCountsTowardsQuorum(sector: Sector | string): boolean {
  return sector !== 'legal';
}

export function countsTowardsQuorum(agency: Pick<Agency, 'sector' | 'countsTowardsQuorum'>): boolean {
  return agency.countsTowardsQuorum ?? defaultCountsTowardsQuorum(agency.sector);
}

/** Look up an invitee's agency in the case's directory (absent: the defaults apply). */
export function findAgency(directory: readonly Agency[], name: string, sector: Sector | string): Agency | undefined {
  const key = agencyKey(name, sector);
  return directory.find((a) => agencyKey(a.name, a.sector) === key);
}
