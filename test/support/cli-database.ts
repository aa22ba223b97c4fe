// A migrated database for CLI tests that run several `quorum` commands against one store: Postgres
// where the suite has one (connecting costs milliseconds, opening PGlite costs seconds per command),
// else a PGlite data directory copied from the migrated template.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, seedPgliteDataDir } from './databases.js';

export interface CliDatabase {
  /** The variables that point `quorum` at it. */
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

export async function openCliDatabase(prefix = 'quorum-cli-'): Promise<CliDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const env: Record<string, string> = { QUORUM_DATA_DIR: path.join(dir, 'data') };
  let drop: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL) {
    const db = await createTestDatabase();
    env.DATABASE_URL = db.url;
    drop = db.drop;
  } else {
    await seedPgliteDataDir(env.QUORUM_DATA_DIR!);
  }
  return {
    env,
    dir,
    close: async () => {
      await drop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
