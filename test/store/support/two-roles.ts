// A database owned by a fresh owner role (not a superuser), migrated by it, and a runtime role
// granted by that migration: the production setup of docs/operations.md, for the role tests.
import { openStore } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { createTestDatabase, createTestRole } from '../../support/databases.js';

export interface TwoRoles {
  ownerUrl: string;
  runtimeUrl: string;
  runtimeRole: string;
  ownerRole: string;
  drop(): Promise<void>;
}

export async function createTwoRoles(): Promise<TwoRoles> {
  const base = process.env.TEST_DATABASE_URL!;
  const owner = await createTestRole(base, 'quorum_ow');
  const db = await createTestDatabase({ owner: owner.name });
  const ownerUrl = new URL(db.url);
  ownerUrl.username = owner.name;
  const runtime = await createTestRole(db.url, 'quorum_rt');
  const store = await openStore({ databaseUrl: ownerUrl.toString(), poolSize: 1 });
  try {
    await migrate(store, { runtimeRole: runtime.name });
  } finally {
    await store.close();
  }
  return {
    ownerUrl: ownerUrl.toString(),
    runtimeUrl: runtime.url,
    runtimeRole: runtime.name,
    ownerRole: owner.name,
    drop: async () => {
      await db.drop();
      await runtime.drop();
      await owner.drop();
    },
  };
}
