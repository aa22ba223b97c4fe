import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProfileProblems, listProfiles, loadProfile, parseProfile, ProfileValidationError, UnknownProfileError, validateAllProfiles } from '../../src/rules/index.js';

const minimal = (rules: unknown[]) => ({ name: 'testshire', displayName: 'Testshire', rules });
const rule = { id: 'testshire.icpc', key: 'icpc', owner: 'chair', anchor: 'strategy_discussion', amount: 15, unit: 'working_days', direction: 'within', citation: { file: 'working_together_2023', section: 'S' } };

describe('loadProfile', () => {
  it('lists the five profiles', () => {
    expect(listProfiles()).toEqual(['devon', 'dudley', 'gloucestershire', 'national', 'swindon']);
  });

  it.each(['devon', 'dudley', 'gloucestershire', 'national', 'swindon'])('loads and validates %s', (name) => {
    const p = loadProfile(name);
    expect(p.name).toBe(name);
    expect(p.rules.length).toBeGreaterThan(3);
  });

  it('carries the partnership settings', () => {
    const devon = loadProfile('devon');
    expect(devon).toMatchObject({ displayName: 'Devon', familySharingExemptSectors: ['police'], retentionMonths: 12 });
    expect(devon.quorum).toMatchObject({ requireReasonToProceedInquorate: true, earlyReviewAfterInquorate: true });
    expect(devon.categories).toContain('domestic_abuse');
    const swindon = loadProfile('swindon');
    expect(swindon).toMatchObject({ displayName: 'Swindon', formalDissentRoute: { to: 'qa_manager', citation: { standard: '9' } }, emotionalRequiresSeverePersistent: { citation: { standard: '9' } }, rescheduleOnlyAtFamilyRequest: { citation: { section: 'Child Protection Conferences', standard: '5' } } });
    expect(swindon.quorum.warnConsecutiveInquorate).toBe(true);
    expect(loadProfile('dudley').emotionalRequiresSeverePersistent?.citation.section).toBe('Initial Child Protection Conference');
  });

  it('appends national rules as fallbacks', () => {
    const glos = loadProfile('gloucestershire');
    expect(glos.rules.find((r) => r.id === 'national.first_core_group')).toMatchObject({ fallback: true });
    expect(loadProfile('national').rules.every((r) => !r.fallback)).toBe(true);
  });

  it('registers every JSON file in src/rules/profiles, and only those', () => {
    const files = readdirSync(new URL('../../src/rules/profiles/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.slice(0, -'.json'.length)).sort()).toEqual(listProfiles());
  });

  it('imports the profiles as data: no module of the rules engine reads files or the environment', () => {
    const dir = new URL('../../src/rules/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/from '(node:)?(fs|fs\/promises|path|child_process|net|http|https)'|readFileSync|readdirSync|process\.env/);
    }
  });

  it('throws UnknownProfileError for an unknown name', () => {
    expect(() => loadProfile('atlantis')).toThrow(UnknownProfileError);
    expect(() => loadProfile('../etc')).toThrow(UnknownProfileError);
    expect(() => loadProfile('constructor')).toThrow(UnknownProfileError);
  });
});

describe('parseProfile', () => {
  it('accepts a minimal new partnership with defaults', () => {
    const p = parseProfile(minimal([rule]), 'testshire');
    expect(p).toMatchObject({ fallback: 'national', closureDays: [], retentionMonths: 12 });
  });

  it('names the path of a bad field', () => {
    expect(() => parseProfile(minimal([{ ...rule, unit: 'fortnights' }]), 'testshire')).toThrow(/^src\/rules\/profiles\/testshire\.json: rules\[0\] \(testshire\.icpc\)\.unit: expected one of .*\(got "fortnights"\)/);
    expect(() => parseProfile({ ...minimal([rule]), closureDays: ['2026-13-45'] }, 'testshire')).toThrow(/testshire\.json: closureDays\[0\]/);
    expect(() => parseProfile({ ...minimal([rule]), nudges: { replyChaseWorkingDaysBefore: 'five' } }, 'testshire')).toThrow(/nudges\.replyChaseWorkingDaysBefore/);
  });

  it('requires either a single span or anyOf', () => {
    const { anchor: _a, ...noAnchor } = rule;
    expect(() => parseProfile(minimal([noAnchor]), 'testshire')).toThrow(/rules\[0\] \(testshire\.icpc\)\.anchor: required/);
  });

  it('rejects duplicate rule ids and unknown fields', () => {
    expect(() => parseProfile(minimal([rule, rule]), 'testshire')).toThrow(/rules\[1\] \(testshire\.icpc\)\.id: duplicate/);
    expect(() => parseProfile({ ...minimal([rule]), colour: 'blue' }, 'testshire')).toThrow(/testshire\.json: \(top level\): unknown field colour \(allowed: name, displayName, .*rules\)/);
  });

  it('accepts validated nudges', () => {
    const p = parseProfile({ ...minimal([rule]), nudges: { reportReminderWorkingDaysBefore: 2, replyChaseWorkingDaysBefore: [5, 2] } }, 'testshire');
    expect(p.nudges).toEqual({ reportReminderWorkingDaysBefore: 2, replyChaseWorkingDaysBefore: [5, 2] });
  });
});

// Every problem of one profile, as the thrown error lists them.
function problemsOf(json: unknown, name = 'testshire'): string[] {
  try {
    parseProfile(json, name);
  } catch (err) {
    if (err instanceof ProfileValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('the profile schema', () => {
  it('refuses an unknown milestone key, naming the file, the rule, the key and the nearest allowed keys', () => {
    const [problem, ...rest] = problemsOf(minimal([{ ...rule, key: 'reprots_icpc' }]));
    expect(rest).toEqual([]);
    expect(problem).toBe(
      'src/rules/profiles/testshire.json: rules[0] (testshire.icpc).key: unknown milestone key "reprots_icpc" ' +
        '(nearest: reports, icpc, medical; every allowed key is in MILESTONE_KEYS, src/rules/milestone-keys.ts)',
    );
  });

  it('names the file it is given', () => {
    expect(problemsOf(minimal([{ ...rule, key: 'icpcc' }]))[0]).toMatch(/^src\/rules\/profiles\/testshire\.json: .*"icpcc" \(nearest: icpc,/);
    expect(() => parseProfile(minimal([{ ...rule, key: 'icpcc' }]), 'testshire', 'elsewhere/testshire.json')).toThrow(/^elsewhere\/testshire\.json: rules\[0\]/);
  });

  it('refuses a tracked key marked informational', () => {
    expect(problemsOf(minimal([{ ...rule, informational: true }]))).toEqual([
      'src/rules/profiles/testshire.json: rules[0] (testshire.icpc).informational: "icpc" is a tracked key (evaluate() computes it from the case facts), so its rule cannot be informational: remove "informational": true',
    ]);
  });

  it('refuses an informational key that is not marked informational', () => {
    const qa = { ...rule, id: 'testshire.arrive_before', key: 'arrive_before' };
    expect(problemsOf(minimal([qa]))).toEqual([
      'src/rules/profiles/testshire.json: rules[0] (testshire.arrive_before).informational: "arrive_before" is an informational key (no case-facts event records it), so its rule must say "informational": true',
    ]);
    expect(problemsOf(minimal([{ ...qa, informational: true }]))).toEqual([]);
  });

  it('refuses a rule without a citation, saying what a citation holds', () => {
    const { citation: _c, ...uncited } = rule;
    expect(problemsOf(minimal([uncited]))).toEqual(['src/rules/profiles/testshire.json: rules[0] (testshire.icpc).citation: required (an object with file, section, standard?, extension?)']);
    expect(problemsOf(minimal([{ ...rule, citation: { file: 'working_together_2023' } }]))).toEqual(['src/rules/profiles/testshire.json: rules[0] (testshire.icpc).citation.section: required']);
  });

  it('refuses an unknown flag, listing the allowed ones', () => {
    expect(problemsOf(minimal([{ ...rule, when: { transfer: true } }]))).toEqual([
      'src/rules/profiles/testshire.json: rules[0] (testshire.icpc).when: unknown field transfer (allowed: conference?, prebirth?, transferIn?)',
    ]);
    expect(problemsOf({ ...minimal([rule]), quorum: { earlyReview: true } })).toEqual([
      'src/rules/profiles/testshire.json: quorum: unknown field earlyReview (allowed: requireReasonToProceedInquorate?, earlyReviewAfterInquorate?, warnConsecutiveInquorate?, directContact?, citation?)',
    ]);
    expect(problemsOf(minimal([{ ...rule, urgent: true }]))[0]).toMatch(/rules\[0\] \(testshire\.icpc\): unknown field urgent \(allowed: id, key, label\?, owner, when\?, /);
  });

  it('refuses a label that repeats the wording the rules already give the key or its occasion', () => {
    expect(problemsOf(minimal([{ ...rule, label: 'Initial conference' }]))).toEqual([
      `src/rules/profiles/testshire.json: rules[0] (testshire.icpc).label: "Initial conference" is already this rule's label in src/rules/milestone-labels.ts: leave it out, or give the partnership's own wording`,
    ]);
    expect(problemsOf(minimal([{ ...rule, when: { transferIn: true }, label: 'Transfer-in conference' }]))[0]).toMatch(/\.label: "Transfer-in conference" is already/);
    expect(problemsOf(minimal([{ ...rule, label: 'Conference held' }]))).toEqual([]);
  });

  it('lists every problem of a profile, not just the first', () => {
    const problems = problemsOf(minimal([{ ...rule, key: 'reprots_icpc' }, { ...rule, id: 'testshire.b', informational: true }, { ...rule, id: 'testshire.c', when: { transfer: true } }]));
    expect(problems.map((p) => p.split(': ').slice(0, 2))).toEqual([
      ['src/rules/profiles/testshire.json', 'rules[0] (testshire.icpc).key'],
      ['src/rules/profiles/testshire.json', 'rules[1] (testshire.b).informational'],
      ['src/rules/profiles/testshire.json', 'rules[2] (testshire.c).when'],
    ]);
  });
});

describe('validateAllProfiles', () => {
  it('passes for every shipped profile', () => {
    expect(findProfileProblems()).toEqual([]);
    expect(() => validateAllProfiles()).not.toThrow();
  });
});
