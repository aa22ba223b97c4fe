// The agency directory: one row per agency of a partnership, found by its normalised key (name and
// sector, src/rules/agencies.ts). Import and invite both go through ensureAgency, so the same agency
// typed two ways ("Wiltshire  Police", "wiltshire police") is one row.
import { and, eq } from 'drizzle-orm';
import { agencyKey, defaultCountsTowardsQuorum } from '../rules/agencies.js';
import type { Executor } from './db.js';
import { agencies } from './schema.js';

export interface DirectoryAgency {
  id: number;
  name: string;
  sector: string;
  countsTowardsQuorum: boolean;
  /** True when this call added it to the directory. */
  created: boolean;
}

/**
 * The directory entry for an agency, added if new. `countsTowardsQuorum` given explicitly (an
 * import's directory) sets it; left out, a new entry takes the default and an existing one keeps its own.
 */
export async function ensureAgency(tx: Executor, partnershipId: number, name: string, sector: string, countsTowardsQuorum?: boolean): Promise<DirectoryAgency> {
  const key = agencyKey(name, sector);
  const counts = countsTowardsQuorum ?? defaultCountsTowardsQuorum(sector);
  const [inserted] = await tx
    .insert(agencies)
    .values({ partnershipId, key, name: name.trim().replace(/\s+/g, ' '), sector, countsTowardsQuorum: counts })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { id: inserted.id, name: inserted.name, sector: inserted.sector, countsTowardsQuorum: inserted.countsTowardsQuorum, created: true };
  const [row] = await tx.select().from(agencies).where(and(eq(agencies.partnershipId, partnershipId), eq(agencies.key, key)));
  if (countsTowardsQuorum !== undefined && row!.countsTowardsQuorum !== countsTowardsQuorum) {
    await tx.update(agencies).set({ countsTowardsQuorum }).where(eq(agencies.id, row!.id));
  }
  return { id: row!.id, name: row!.name, sector: row!.sector, countsTowardsQuorum: countsTowardsQuorum ?? row!.countsTowardsQuorum, created: false };
}
