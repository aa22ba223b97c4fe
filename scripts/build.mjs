#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc, then copies what tsc does not emit (any file
// under src/ that is not TypeScript: templates, assets) so dist/ is all the code needs at run time.
// Migrations stay in migrations/ (resolved from dist/store/ as from src/store/); package.json's
// "files" lists what a production tree holds besides node_modules. dist/ is rebuilt from scratch,
// so a deleted source never lingers as a stale .js file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
export const BUILD_STAMP = path.join(dist, '.build-stamp');

export function build() {
  fs.rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  for (const file of fs.readdirSync(path.join(root, 'src'), { recursive: true })) {
    const from = path.join(root, 'src', file);
    if (file.endsWith('.ts') || !fs.statSync(from).isFile()) continue;
    const to = path.join(dist, file);
    if (fs.existsSync(to)) continue; // tsc emitted it (imported JSON)
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  fs.writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) process.exit(build());
