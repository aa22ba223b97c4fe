#!/usr/bin/env node
// Runs a TypeScript entry point through tsx: `node bin/run-ts.js bench/run.ts [args]`.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { register } from 'tsx/esm/api';

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node bin/run-ts.js <file.ts> [args...]\n');
  process.exit(2);
}
register();
await import(pathToFileURL(path.resolve(entry)).href);
