// Runs once before the suite: says plainly whether the Postgres half of the store tests runs.
export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    console.log(`[quorum tests] store tests run on PGlite and on Postgres at ${redact(process.env.TEST_DATABASE_URL)}`);
  } else {
    console.log('[quorum tests] NOTE: TEST_DATABASE_URL is unset, so the Postgres half of the store tests is SKIPPED; only PGlite runs.');
  }
}

function redact(url: string): string {
  return url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@');
}
