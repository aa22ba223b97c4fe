// Small helpers shared by CLI commands.
import fs from 'node:fs/promises';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config.js';
import { openStore, type Store } from '../store/db.js';
import { prepareStore } from '../store/migrate.js';

export { describeReadError } from './read-error.js';

export async function readInput(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (file !== '-') return fs.readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens the configured store, migrated or checked as `serve` does (prepareStore), runs `fn`, and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.QUORUM_DATA_DIR });
  try {
    await prepareStore(store, { production: config.NODE_ENV === 'production' });
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function cliContext(): { actor: string; correlationId: string } {
  return { actor: `cli:${os.userInfo().username}`, correlationId: randomUUID() };
}

export { UsageError } from './usage-error.js';
