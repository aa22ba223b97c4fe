#!/usr/bin/env node
// The `quorum` command on the TypeScript sources through tsx (a dev dependency): what tests and
// `npm run quorum -- …` run, so they never depend on a build being current. Production runs bin/quorum.js.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.slice(2));
