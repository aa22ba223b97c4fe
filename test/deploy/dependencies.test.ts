// What the production tree installs (`npm ci --omit=dev`) must hold every package the code
// imports at run time, and nothing that is only for building or testing.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Packages `files` import for their values (not `import type`), statically, with import() or with createRequire. */
function runtimeImports(files: string[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?'([^']+)'/gm)].map((m) => m[1]!),
      ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\bcreateRequire\([^)]*\)\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
    ];
    for (const s of specifiers) {
      if (s.startsWith('.') || s.startsWith('node:') || builtinModules.includes(s)) continue;
      found.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    }
  }
  return found;
}

const sources = (fs.readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join('src', f));

describe('package.json dependencies', () => {
  it('declares every package the code imports at run time as a production dependency', () => {
    const imported = runtimeImports([...sources, 'bin/quorum.js']);
    // A scan that finds nothing would pass for the wrong reason.
    expect([...imported]).toEqual(expect.arrayContaining(['postgres', '@electric-sql/pglite', 'commander', 'pino', '@slack/bolt', '@slack/web-api', 'botbuilder']));
    expect(imported).not.toContain('@slack/types'); // types only: a devDependency is right
    // Loaded only where installed, for a developer's terminal (src/log.ts): a production tree goes without.
    const optional = ['pino-pretty'];
    const missing = [...imported].filter((p) => !(p in pkg.dependencies) && !optional.includes(p));
    expect(missing).toEqual([]);
  });

  it('keeps build and test tools out of the production dependencies', () => {
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vitest', 'drizzle-kit', 'eslint']) expect(pkg.dependencies, tool).not.toHaveProperty(tool);
    expect(pkg.devDependencies).toHaveProperty('tsx');
  });
});
