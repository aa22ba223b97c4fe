// `quorum --help`, `timeline` and the other commands start like a CLI: the static import graph of
// the CLI's entry point reaches commander and nothing else (no chat SDK, no database driver, no
// rules); each command imports what it runs when it runs (issue 21).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CHAT_SDKS = ['@slack/bolt', '@slack/web-api', 'botbuilder', 'botframework-connector', '@microsoft/teams-ai', 'nodemailer', 'nunjucks', 'vega', 'vega-lite'];

/** Every package reached from `entry` through static (not `import type`, not `import()`) imports. */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?'([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(path.resolve(entry));
  return packages;
}

describe('the CLI entry point', () => {
  it('imports no chat SDK or mail library until a command needs one', () => {
    const packages = staticPackages('src/cli/main.ts');
    // A walk that found nothing would pass for the wrong reason.
    expect([...packages]).toEqual(expect.arrayContaining(['commander']));
    expect(CHAT_SDKS.filter((p) => packages.has(p))).toEqual([]);
  });

  it('imports nothing but commander to read the command line and print --help', () => {
    expect([...staticPackages('src/cli/main.ts')]).toEqual(['commander']);
  });
});

describe('the Teams module', () => {
  it("imports teams-ai's modules, never its index, which loads the AI planners Quorum does not use", () => {
    const files = fs.readdirSync('src', { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    const valueImports = files.flatMap((f) => [...fs.readFileSync(path.join('src', f), 'utf8').matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+'(@microsoft\/teams-ai[^']*)'/gm)].map((m) => `${f}: ${m[1]}`));
    expect(valueImports.length).toBeGreaterThan(0);
    expect(valueImports.filter((i) => i.endsWith(': @microsoft/teams-ai'))).toEqual([]);
  });
});
