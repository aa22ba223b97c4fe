// `quorum report timeliness` over a store holding the hand-computed fixture: text, CSV and HTML
// carry the same figures, the run is audited once, and bad input is refused naming what was wrong.
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReport } from '../../src/cli/report-command.js';
import { UsageError } from '../../src/cli/io.js';
import { CSV_COLUMNS } from '../../src/report/csv.js';
import { importCases } from '../../src/store/import.js';
import { auditLog } from '../../src/store/schema.js';
import { openTestStore, type TestStore } from '../support/databases.js';
import { loadProfile } from '../../src/rules/profiles.js';
import { computeTimeliness } from '../../src/rules/timeliness/index.js';
import { FIXTURE_NOW, FIXTURE_PERIOD, fixtureByPartnership, fixtureImport } from '../fixtures/timeliness/load.js';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore('pglite');
  await importCases(store, fixtureImport(), { actor: 'test', correlationId: 'fixture' });
  // Opening PGlite can take seconds on a busy machine.
}, 30_000);
afterAll(() => store.close());

async function run(...args: string[]): Promise<string> {
  const program = new Command('quorum').exitOverride();
  registerReport(program, { withStore: (fn) => fn(store), now: () => FIXTURE_NOW });
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((s: string) => ((out += s), true)) as typeof process.stdout.write);
  try {
    await program.parseAsync(['report', 'timeliness', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

const reportAudits = () => store.db.select().from(auditLog).where(eq(auditLog.action, 'TIMELINESS_REPORT_VIEWED'));

describe('quorum report timeliness', () => {
  it('prints one section per partnership as text, and audits the run once with the period and case count', async () => {
    const before = (await reportAudits()).length;
    const text = await run('--from', '2026-01-01', '--to', '2026-04-30');
    expect(text).toContain('Timeliness: Gloucestershire Test Partnership (Gloucestershire standards)');
    expect(text).toContain('Timeliness: Swindon Test Partnership (Swindon standards)');
    expect(text).toContain('Initial conferences within 15 working days of the strategy discussion: 1 of 2 (50.0%)');
    expect(text).toContain('  Late or not done: SW-002 (icpc-1)');
    expect(text).toContain('Service manager alerts at 15 months on time: 0 of 1 (0.0%)');
    expect(text).not.toMatch(/\.txt\b|A\.B\.|J\.K\./);
    const audits = await reportAudits();
    expect(audits.length).toBe(before + 1);
    const last = audits.at(-1)!;
    expect(last.subjectType).toBe('partnership');
    expect(last.subjectId).toBe('*');
    expect(last.detail).toMatchObject({ from: '2026-01-01', to: '2026-04-30', via: 'cli', cases: 7, partnerships: [{ partnership: 'Gloucestershire Test Partnership', cases: 3 }, { partnership: 'Swindon Test Partnership', cases: 4 }] });
  });

  it('prints one CSV row per figure with its numbers and standard', async () => {
    const csv = await run('--from', '2026-01-01', '--to', '2026-04-30', '--partnership', 'swindon test partnership', '--format', 'csv');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 35);
    const row = lines.find((l) => l.includes(',reports_on_time,agency,Wiltshire Police,'))!;
    expect(row).toMatch(/^Swindon Test Partnership,2026-01-01,2026-04-30,reports_on_time,agency,Wiltshire Police,3,4,75\.0,0\.5,"SW-002 \(icpc-1, Wiltshire Police\)",/);
    expect(row).toContain('Swindon Multi-Agency Standards for Safeguarding Children, Reports to Child Protection Conferences standard 1');
    expect((await reportAudits()).at(-1)!.subjectId).toBe('swindon test partnership');
    // The cases as the store gives them back yield the figures the hand-computed facts do.
    const cases = fixtureByPartnership().get('Swindon Test Partnership')!;
    const pure = computeTimeliness(cases, { partnership: 'Swindon Test Partnership', profile: loadProfile('swindon'), period: FIXTURE_PERIOD, now: FIXTURE_NOW, profileOf: loadProfile });
    expect(lines.slice(1).map((l) => l.split(',').slice(3, 8).join(','))).toEqual(
      pure.figures.map((f) => [f.measure, f.groupKind, /[",]/.test(f.group ?? '') ? `"${f.group}"` : (f.group ?? ''), f.numerator, f.denominator].join(',')),
    );
  });

  it('writes one self-contained HTML file with the charts', async () => {
    const html = await run('--from', '2026-01-01', '--to', '2026-04-30', '--partnership', 'Gloucestershire Test Partnership', '--format', 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<link |src="http|url\(\/assets/);
    expect(html).toContain('1 of 2 (50.0%)');
  });

  it('refuses an unknown partnership and a bad date, naming them', async () => {
    await expect(run('--partnership', 'Nowhere')).rejects.toThrow(UsageError);
    await expect(run('--partnership', 'Nowhere')).rejects.toThrow(/no partnership named "Nowhere" \(known: Gloucestershire Test Partnership, Swindon Test Partnership\)/);
    await expect(run('--from', '01/02/2026')).rejects.toThrow(/--from: expected a date YYYY-MM-DD/);
  });

  it('defaults to the three complete months before today', async () => {
    // FIXTURE_NOW is 20 May 2026: February to April.
    expect(await run()).toContain('Period: Sun 1 Feb 2026 to Thu 30 Apr 2026.');
  });
});
