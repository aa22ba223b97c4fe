// `qa` through the core, on the hand-computed fixture: a QA manager sees their own partnership's
// headline figures (and not another's), each with its standard and no link; anyone else is told it
// is for QA managers; each run is one audited read naming the partnership, the period and the cases.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QA_ONLY } from '../../src/bot/core/commands/qa.js';
import { runCommand } from '../../src/bot/core/index.js';
import type { CoreDeps, RequestContext } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { auditLog } from '../../src/store/schema.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { fixtureImport } from '../fixtures/timeliness/load.js';

// 20 May 2026: the last three complete months are February to April.
const NOW = new Date('2026-05-20T09:00:00Z');
let seq = 0;
const ctx = (email: string, userId: string): RequestContext => ({ user: { platform: 'slack', workspaceId: 'T0TEST', userId, email }, correlationId: `qa-${++seq}`, now: NOW });
const SWINDON_QA = () => ctx('quinn.qa@swindon.example', 'UQASWINDON');
const text = (v: unknown) => JSON.stringify(v);

describe.each(DB_KINDS)('qa (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    await importCases(store, fixtureImport(), { actor: 'test', correlationId: 'fixture' });
  }, 30_000);
  afterAll(() => store.close());

  it("shows a QA manager their own partnership's headline figures for February to April, with standards and no link", async () => {
    const reply = await runCommand(deps, SWINDON_QA(), 'qa');
    expect(reply.error).toBeUndefined();
    const view = reply.view!;
    const all = text(view);
    expect(view.blocks[0]).toEqual({ type: 'header', text: 'Timeliness: Swindon Test Partnership' });
    expect(view.blocks[1]).toEqual({ type: 'text', text: 'Sun 1 Feb 2026 to Thu 30 Apr 2026, 4 cases read.' });
    const list = view.blocks.find((b) => b.type === 'list');
    const items = list?.type === 'list' ? list.items : [];
    // February to April: SW-002's late ICPC (26 Feb) only; SW-001's (8 Jan) is outside the period.
    expect(items[0]).toBe('*Initial conferences within 15 working days of the strategy discussion*: 0 of 1 (0.0%). Late: SW-002 (icpc-1) (Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2)');
    expect(items.some((i) => i.startsWith('*First reviews within 3 months*: 1 of 1 (100.0%)'))).toBe(true);
    // SW-001's late visit of 10 Feb; SW-004's of 6 Jan is outside the period.
    expect(items.some((i) => i.startsWith('*Statutory visits on time*: 0 of 1 (0.0%)'))).toBe(true);
    for (const i of items) expect(i).toMatch(/ \((Swindon Multi-Agency Standards|Gloucestershire Core Standards|Working Together|none:).*\)$/);
    expect(all).not.toContain('Gloucestershire Test Partnership');
    expect(all).not.toMatch(/https?:|www\.|A\.B\.|C\.D\./);
    expect(view.fallback).toBe('Timeliness for Swindon Test Partnership: initial conferences within 15 working days 0 of 1 (0.0%).');
  });

  it('records one audited read per run, naming the partnership, the period and the cases read', async () => {
    const before = await store.db.select().from(auditLog).where(eq(auditLog.action, 'TIMELINESS_REPORT_VIEWED'));
    await runCommand(deps, SWINDON_QA(), 'qa');
    const after = await store.db.select().from(auditLog).where(eq(auditLog.action, 'TIMELINESS_REPORT_VIEWED'));
    expect(after.length).toBe(before.length + 1);
    const entry = after.at(-1)!;
    expect(entry.subjectId).toBe('Swindon Test Partnership');
    expect(entry.actor).toMatch(/^person:\d+$/);
    expect(entry.detail).toEqual({ from: '2026-02-01', to: '2026-04-30', via: 'chat', cases: 4, partnerships: [{ partnership: 'Swindon Test Partnership', cases: 4 }] });
  });

  it("shows another partnership's QA manager only their own partnership", async () => {
    const reply = await runCommand(deps, ctx('quentin.qa@glos.example', 'UQAGLOS'), 'qa');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Timeliness: Gloucestershire Test Partnership');
    expect(text(reply)).not.toContain('Swindon');
  });

  it('tells anyone else it is for QA managers, and reads nothing', async () => {
    const count = async () => (await store.db.select().from(auditLog).where(eq(auditLog.action, 'TIMELINESS_REPORT_VIEWED'))).length;
    const before = await count();
    // The social worker on SW-001: a member of a Swindon case, but no QA manager.
    const reply = await runCommand(deps, ctx('sam.social@swindon.example', 'USAMSOCIAL'), 'qa');
    expect(reply.error).toEqual({ code: 'NOT_ALLOWED', message: QA_ONLY });
    expect(text(reply)).not.toMatch(/SW-00|Swindon Test/);
    expect(await count()).toBe(before);
  });
});

