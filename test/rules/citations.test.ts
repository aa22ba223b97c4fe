// Citations as a professional reads them: a document's title and its section, never a file name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, evaluate, listProfiles, loadProfile, formatSource } from '../../src/rules/index.js';
import { facts, invitee } from './helpers.js';

const HEADERS = (JSON.parse(readFileSync(new URL('../fixtures/seed-headers.json', import.meta.url), 'utf8')) as { headers: Record<string, string[]> }).headers;
const FILE_NAME = /\d{3}_[0-9a-f]{16}\.txt/;

// A case that reaches most milestones: a held ICPC with a plan, a scheduled review, a dissent.
function busyCase(profile: string) {
  const people = [
    invitee('S. W.', 'Childrens Social Care', 'childrens_social_care', 'attending', { role: 'social_worker' }),
    invitee('P. C.', 'Police', 'police', 'attending'),
    invitee('H. V.', 'Health', 'health', 'report_only'),
  ];
  return facts({
    profile,
    events: [
      { kind: 'strategy_discussion', at: '2026-01-05T10:00:00Z' },
      { kind: 'core_group', at: '2026-02-02T10:00:00Z' },
    ],
    conferences: [
      { id: 'icpc-1', type: 'initial', at: '2026-01-20T10:00:00Z', status: 'held', outcome: 'plan', quorum: { decision: 'proceeded_inquorate' }, invitees: people },
      { id: 'rcpc-1', type: 'review', at: '2026-04-14T10:00:00Z', invitees: people },
    ],
    dissents: [{ conference: 'icpc-1', by: 'P. C.', decision: 'plan', view: 'x', formal: true, lodgedAt: '2026-01-22T10:00:00Z' }],
  });
}

describe('formatSource', () => {
  it('names the document by title and the section as a professional would say it', () => {
    expect(formatSource({ file: '004_e5b64df1e4511e66.txt', section: 'Child Protection Conferences', standard: '4' })).toBe('Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 4');
    expect(formatSource({ file: 'working_together_2023', section: 'child protection conference timescales' })).toBe('Working Together to Safeguard Children 2023, child protection conference timescales');
  });

  it('says so when a rule is applied by extension', () => {
    expect(formatSource({ file: '003_d3caa62d61074594.txt', section: 'Initial Child Protection Conference', extension: 'review conferences' })).toBe(
      'Dudley Inter-Agency Child Protection Practice Standards, Initial Child Protection Conference, applied by extension to review conferences',
    );
  });
});

describe('DOCUMENTS', () => {
  it.each(Object.entries(DOCUMENTS).filter(([, d]) => d.file))('takes the title of %s from its own header', (key, doc) => {
    const header = HEADERS[key]!.join(' ').toLowerCase();
    // The title is the partnership's name plus the heading the document gives itself.
    const words = doc.title.toLowerCase().split(/\s+/).filter((w) => w.length > 3 && !['devon', 'dudley', 'swindon', 'gloucestershire'].includes(w));
    for (const w of words) expect(header).toContain(w);
  });
});

describe('evaluate citations', () => {
  it.each(listProfiles())('never shows a file name in %s, and keeps it in sourceFile', (name) => {
    const ms = evaluate(busyCase(name), loadProfile(name), new Date('2026-03-01T09:00:00Z'));
    expect(ms.length).toBeGreaterThan(2);
    for (const m of ms) {
      expect(m.source).not.toMatch(FILE_NAME);
      expect(m.explanation).not.toMatch(FILE_NAME);
      if (m.sourceFile) expect(m.sourceFile).toMatch(FILE_NAME);
    }
  });

  it('says when a national rule fills a gap in a partnership standard', () => {
    const ms = evaluate(busyCase('gloucestershire'), loadProfile('gloucestershire'), new Date('2026-03-01T09:00:00Z'));
    const core = ms.find((m) => m.key === 'first_core_group')!;
    expect(core.explanation).toMatch(/\(Working Together to Safeguard Children 2023, .*; Gloucestershire's standards set no timescale for this, so the national baseline applies\)\.$/);
    expect(core.sourceFile).toBeNull();
  });

  it('marks the Dudley decision deadline at a review as applied by extension, and not at an ICPC', () => {
    const f = busyCase('dudley');
    f.conferences[1]!.status = 'held';
    const ms = evaluate(f, loadProfile('dudley'), new Date('2026-04-15T09:00:00Z'));
    expect(ms.find((m) => m.key === 'decision_sent')!.source).toMatch(/applied by extension to review conferences$/);
    const icpc = evaluate(busyCase('dudley'), loadProfile('dudley'), new Date('2026-01-21T09:00:00Z'));
    expect(icpc.find((m) => m.key === 'decision_sent')!.source).toBe('Dudley Inter-Agency Child Protection Practice Standards, Initial Child Protection Conference');
  });
});
