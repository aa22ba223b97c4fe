#!/usr/bin/env node
// The `quorum` command: runs the compiled build (dist/) with plain Node, so a production install
// needs no TypeScript toolchain. From a clone, `npm run build` (or `npm start`, which builds when
// dist/ is missing or stale) makes dist/; developers and tests run the sources with bin/quorum-dev.js.
import fs from 'node:fs';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  process.stderr.write('quorum: no build found (dist/cli/main.js): run `npm run build` first\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
await runCli(process.argv.slice(2));
