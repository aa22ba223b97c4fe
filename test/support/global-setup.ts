// Runs once before the suite: says plainly whether the Postgres half of the store tests runs, and
// builds the migrated templates every test database is copied from (test/support/templates.ts).
import type { TestProject } from 'vitest/node';
import { pgliteTemplate, postgresTemplate, schemaHash } from './templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data dump. */
    pgliteTemplate: string;
    /** Name of the migrated Postgres template database ('' without TEST_DATABASE_URL). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const hash = schemaHash();
  const url = process.env.TEST_DATABASE_URL;
  // One after the other: PGlite's start blocks the event loop for long enough to time out a
  // Postgres connection opened meanwhile.
  const pglite = await pgliteTemplate(hash);
  const pg = url ? await postgresTemplate(url, hash) : '';
  project.provide('pgliteTemplate', pglite);
  project.provide('postgresTemplate', pg);
  if (url) {
    console.log(`[quorum tests] store tests run on PGlite and on Postgres at ${redact(url)} (templates ${hash} ready in ${Date.now() - started} ms)`);
  } else {
    console.log(`[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the Postgres half of the store tests is SKIPPED; only PGlite runs. (template ${hash} ready in ${Date.now() - started} ms)`);
  }
}

function redact(url: string): string {
  return url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@');
}
