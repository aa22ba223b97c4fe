// Small helpers shared by CLI commands.
import fs from 'node:fs/promises';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config.js';
import { openStore, type Store } from '../store/db.js';
import { migrate } from '../store/migrate.js';

export async function readInput(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (file !== '-') return fs.readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens the configured store with migrations applied, runs `fn`, and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.QUORUM_DATA_DIR });
  try {
    await migrate(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function cliContext(): { actor: string; correlationId: string } {
  return { actor: `cli:${os.userInfo().username}`, correlationId: randomUUID() };
}

export class UsageError extends Error {
  readonly code = 'USAGE';
}
