#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
register();
await import('../src/cli/main.ts');
