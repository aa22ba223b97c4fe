#!/usr/bin/env node
// `npm start`'s prestart: builds dist/ when it is missing or older than anything it is built from,
// so `npm install && npm start` works on a fresh clone and never runs yesterday's build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, build } from './build.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why a build is needed ('missing' or 'stale'), or null when dist/ is current. */
export function buildNeeded() {
  if (!fs.existsSync(BUILD_STAMP)) return 'missing';
  const built = fs.statSync(BUILD_STAMP).mtimeMs;
  const inputs = ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => path.join(root, f));
  for (const file of fs.readdirSync(path.join(root, 'src'), { recursive: true })) inputs.push(path.join(root, 'src', file));
  return inputs.some((f) => fs.statSync(f).mtimeMs > built) ? 'stale' : null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const why = buildNeeded();
  if (why) {
    process.stderr.write(`quorum: building dist/ first (${why === 'missing' ? 'no build yet' : 'older than the sources'}): npm run build\n`);
    process.exitCode = build();
  }
}
