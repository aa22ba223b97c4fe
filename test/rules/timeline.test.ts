import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTimeline } from '../../src/cli/timeline.js';
import { EXAMPLE_PATH } from './helpers.js';

const FILE = fileURLToPath(EXAMPLE_PATH);
const AT = '2026-03-05T09:00:00Z';

async function run(args: { file?: string; profile?: string; at?: string; json?: boolean }, stdinText = '') {
  let out = '';
  let err = '';
  const code = await runTimeline({ file: FILE, ...args }, { stdin: Readable.from([stdinText]), stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

type Json = { ref: string; profile: string; milestones: { key: string; due: string; dueAt: string; status: string; late?: boolean; rule: string }[]; quorum: unknown[] };

async function json(profile?: string): Promise<Json> {
  const r = await run({ profile, at: AT, json: true });
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Json;
}

const pick = (j: Json, key: string) => j.milestones.find((m) => m.key === key);

describe('quorum timeline --json on docs/examples/case-facts.json', () => {
  it('prints exactly ref, profile, milestones and quorum', async () => {
    const j = await json();
    expect(Object.keys(j)).toEqual(['ref', 'profile', 'milestones', 'quorum']);
    expect(j.ref).toBe('CP-0001');
    expect(j.profile).toBe('swindon');
    expect(j.quorum).toEqual([
      { conference: 'icpc-1', quorate: true, attendanceRecorded: true, present: expect.any(Array), missing: 0, perChild: [], noReply: [], warnings: [] },
      { conference: 'rcpc-1', quorate: false, attendanceRecorded: true, present: expect.any(Array), missing: 1, perChild: [], noReply: ['H. Visitor'], warnings: [{ code: 'INQUORATE', text: 'Inquorate: needs 1 more agency.' }] },
    ]);
  });

  it('carries the quorum warnings with their codes, as the text output shows them', async () => {
    const facts = JSON.parse(readFileSync(FILE, 'utf8')) as { conferences: { quorum?: unknown; invitees: { response: string }[] }[] };
    facts.conferences[0]!.quorum = { decision: 'proceeded_inquorate' };
    for (const i of facts.conferences[0]!.invitees) i.response = 'no_reply';
    const r = await run({ file: '-', at: AT, json: true, profile: 'devon' }, JSON.stringify(facts));
    const q = (JSON.parse(r.out) as { quorum: { attendanceRecorded: boolean; warnings: { code: string }[] }[] }).quorum[0]!;
    expect(q.attendanceRecorded).toBe(false);
    expect(q.warnings.map((w) => w.code)).toEqual(['ATTENDANCE_NOT_RECORDED', 'PROCEEDED_WITHOUT_REASON']);
    const t = await run({ file: '-', at: AT, profile: 'devon' }, JSON.stringify(facts));
    expect(t.out).toMatch(/icpc-1: attendance not recorded; present: none/);
    expect(t.out).toContain('! Proceeded inquorate without a recorded reason');
  });

  it('shows no seed file name anywhere in the text output, and the file only in sourceFile', async () => {
    const t = await run({ at: AT });
    expect(t.out).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    const j = JSON.parse((await run({ at: AT, json: true })).out) as { milestones: { source: string; sourceFile: string | null }[] };
    expect(j.milestones.every((m) => !/\.txt/.test(m.source) && (m.sourceFile === null || m.sourceFile.endsWith('.txt')))).toBe(true);
  });

  it('gives the Swindon deadlines', async () => {
    const j = await json();
    expect(pick(j, 'icpc')).toMatchObject({ due: '2026-01-14', status: 'met' });
    expect(pick(j, 'reports')).toMatchObject({ due: '2026-03-31', dueAt: '2026-03-31T16:00:00.000Z', rule: 'swindon.reports_review' });
    expect(pick(j, 'statutory_visit')).toMatchObject({ due: '2026-02-27', status: 'overdue' });
    expect(pick(j, 'core_group')).toMatchObject({ due: '2026-03-18', status: 'due' });
    expect(pick(j, 'review')).toMatchObject({ due: '2026-04-14' });
  });

  it('gives the Devon deadlines', async () => {
    const j = await json('devon');
    expect(j.profile).toBe('devon');
    expect(pick(j, 's47_outcome')).toMatchObject({ due: '2025-12-29', status: 'met', late: true });
    expect(pick(j, 'reports_to_family')).toMatchObject({ due: '2026-04-02', rule: 'devon.reports_to_family' });
    expect(pick(j, 'first_core_group')).toMatchObject({ due: '2026-01-23', status: 'met', rule: 'devon.first_core_group' });
    expect(pick(j, 'review')).toMatchObject({ due: '2026-04-14', rule: 'devon.first_review' });
    expect(pick(j, 'statutory_visit')).toBeUndefined();
    expect(pick(j, 'dissent_review')).toBeUndefined();
  });

  it('gives the Gloucestershire deadlines', async () => {
    const j = await json('gloucestershire');
    expect(pick(j, 'decision_sent')).toMatchObject({ dueAt: '2026-01-15T10:00:00.000Z', status: 'met', late: true });
    expect(pick(j, 'invitations')).toMatchObject({ due: '2026-01-15', status: 'met', late: true });
    expect(pick(j, 'social_worker_report')).toMatchObject({ due: '2026-04-07' });
    expect(pick(j, 'social_worker_report_to_family')).toMatchObject({ due: '2026-04-02' });
    expect(pick(j, 'first_core_group')).toMatchObject({ due: '2026-01-28', rule: 'national.first_core_group' });
  });

  it('gives the Dudley deadlines', async () => {
    const j = await json('dudley');
    expect(pick(j, 'minutes')).toMatchObject({ due: '2026-02-04', status: 'met', late: true });
    expect(pick(j, 'core_group')).toMatchObject({ due: '2026-04-01' });
    expect(pick(j, 'statutory_visit')).toMatchObject({ due: '2026-03-13', status: 'due' });
    expect(pick(j, 'reports')).toMatchObject({ due: '2026-04-02' });
    expect(pick(j, 'reports_to_family')).toMatchObject({ dueAt: '2026-04-08T09:30:00.000Z' });
  });

  it('gives only the national baseline for national', async () => {
    const j = await json('national');
    expect(j.milestones.map((m) => [m.key, m.due])).toEqual([
      ['icpc', '2026-01-14'],
      ['first_core_group', '2026-01-28'],
      ['review', '2026-04-14'],
    ]);
  });
});

describe('quorum timeline', () => {
  it('prints a readable table by default', async () => {
    const r = await run({ at: AT });
    expect(r.code).toBe(0);
    // Milestones and owners by name, under headings; keys are for --json.
    expect(r.out).toMatch(/^Milestone\s+Due \(London\)\s+Status\s+Who\s+Conference$/m);
    expect(r.out).toMatch(/Next statutory visit\s+Fri 27 Feb 2026 17:00\s+overdue\s+social worker/);
    expect(r.out).not.toMatch(/reports_to_attendees|statutory_visit|conference_admin/);
    expect(r.out).toContain('rcpc-1: inquorate (1 more needed)');
  });

  it('reads the case from stdin with -', async () => {
    const text = JSON.stringify({ ref: 'CP-9', profile: 'national', children: [{ ref: 'C1', initials: 'X.Y.' }], events: [{ kind: 'strategy_discussion', at: '2025-12-19T10:00:00Z' }] });
    const r = await run({ file: '-', at: AT, json: true }, text);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).milestones[0]).toMatchObject({ key: 'icpc', due: '2026-01-14', status: 'overdue' });
  });

  it.each([
    ['bad JSON', { file: '-' }, '{not json', /not valid JSON/],
    ['a bad field', { file: '-' }, JSON.stringify({ ref: 'CP-9', profile: 'swindon', children: [{ ref: 'C1', initials: 'A.B.' }], events: [{ kind: 'party', at: '2026-01-01T00:00:00Z' }] }), /events\[0\]\.kind: expected one of/],
    ['an unknown profile', { profile: 'atlantis' }, '', /--profile: unknown profile "atlantis"/],
    ['a bad --at', { at: 'yesterday' }, '', /--at: expected an ISO date-time/],
    ['a missing file', { file: '/nonexistent/case.json' }, '', /\/nonexistent\/case\.json: no such file/],
  ])('exits 2 naming the problem for %s', async (_label, args, stdin, message) => {
    const r = await run({ at: AT, ...args }, stdin);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('docs/case-facts.md', () => {
  it('embeds exactly the example file', () => {
    const md = readFileSync(new URL('../../docs/case-facts.md', import.meta.url), 'utf8');
    const block = /```json\n([\s\S]*?)```/.exec(md)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE_PATH, 'utf8'));
  });
});
