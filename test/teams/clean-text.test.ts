// What a Teams user reads: every view the core gives, rendered as a card, has no stray backtick
// and no backslash escape (Teams mobile shows them literally), and keeps its commands readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand } from '../../src/bot/core/index.js';
import { renderFormCard } from '../../src/bot/teams/cards/form-card.js';
import { renderViewCard } from '../../src/bot/teams/cards/view-card.js';
import { ctx, deps, P, seed } from '../conference/support.js';
import { openTestStore, type TestStore } from '../support/databases.js';

/** Every string a Teams client shows from the card. */
function shownText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    for (const k of ['text', 'title', 'label', 'placeholder', 'fallbackText']) if (typeof o[k] === 'string') out.push(o[k] as string);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}

describe('teams card text', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    await seed(store);
  });
  afterAll(() => store.close());

  const COMMANDS: [keyof typeof P, string][] = [
    ['admin', 'help'],
    ['admin', 'schedule CP-CONF initial 2026-01-20 10:00'],
    ['admin', `invite CP-CONF ${P.police.email}`],
    ['admin', 'schedule CP-CONF initial 2026-01-10 10:00'],
    ['admin', 'next CP-CONF'],
    ['admin', 'case CP-CONF'],
    ['police', 'attend CP-CONF'],
    ['police', 'mine'],
    ['sw', 'dissent CP-CONF'],
    ['admin', 'move CP-CONF'],
    ['admin', 'frobnicate'],
    ['outsider', 'next CP-CONF'],
  ];

  it('shows no backtick and no backslash in any view or form, and commands as monospace runs', async () => {
    const cards: unknown[] = [];
    for (const [who, command] of COMMANDS) {
      const reply = await runCommand(deps(store), ctx(who), command);
      if (reply.view) cards.push(renderViewCard(reply.view));
      if (reply.form) cards.push(renderFormCard(reply.form));
    }
    const clicked = await runAction(deps(store), ctx('police'), { a: 'attend', c: 'CP-CONF', f: 'icpc-1' });
    cards.push(renderViewCard(clicked.view!));
    expect(cards.length).toBeGreaterThanOrEqual(COMMANDS.length);
    const texts = cards.flatMap(shownText);
    expect(texts.filter((t) => /[`\\]/.test(t))).toEqual([]);
    // One wording everywhere: counts without "(s)", conference kinds in lower case inside a sentence.
    const words = texts.join('\n');
    expect(words).not.toMatch(/\w\(s\)/);
    expect(words).not.toMatch(/\b(the|for the|to the) (Initial|Review|Pre-birth|Transfer-in) conference/);
    expect(words).not.toContain('Formal dissent window');
    const runs = JSON.stringify(cards);
    expect(runs).toContain('{"type":"TextRun","text":"next CASE","fontType":"Monospace"}');
  });
});
