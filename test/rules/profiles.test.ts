import { describe, expect, it } from 'vitest';
import { listProfiles, loadProfile, parseProfile, UnknownProfileError } from '../../src/rules/index.js';

const minimal = (rules: unknown[]) => ({ name: 'testshire', displayName: 'Testshire', rules });
const rule = { id: 'testshire.icpc', key: 'icpc', owner: 'chair', anchor: 'strategy_discussion', amount: 15, unit: 'working_days', direction: 'within', citation: { file: 'x.txt', section: 'S' } };

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
    expect(swindon).toMatchObject({ displayName: 'Swindon', formalDissentRoute: 'qa_manager', emotionalRequiresSeverePersistent: true, rescheduleOnlyAtFamilyRequest: true });
    expect(swindon.quorum.warnConsecutiveInquorate).toBe(true);
    expect(loadProfile('dudley').emotionalRequiresSeverePersistent).toBe(true);
  });

  it('appends national rules as fallbacks', () => {
    const glos = loadProfile('gloucestershire');
    expect(glos.rules.find((r) => r.id === 'national.first_core_group')).toMatchObject({ fallback: true });
    expect(loadProfile('national').rules.every((r) => !r.fallback)).toBe(true);
  });

  it('throws UnknownProfileError for an unknown name', () => {
    expect(() => loadProfile('atlantis')).toThrow(UnknownProfileError);
    expect(() => loadProfile('../etc')).toThrow(UnknownProfileError);
  });
});

describe('parseProfile', () => {
  it('accepts a minimal new partnership with defaults', () => {
    const p = parseProfile(minimal([rule]), 'testshire');
    expect(p).toMatchObject({ fallback: 'national', closureDays: [], retentionMonths: 12 });
  });

  it('names the path of a bad field', () => {
    expect(() => parseProfile(minimal([{ ...rule, unit: 'fortnights' }]), 'testshire')).toThrow(/testshire\.rules\[0\]\.unit: expected one of/);
    expect(() => parseProfile({ ...minimal([rule]), closureDays: ['2026-13-45'] }, 'testshire')).toThrow(/testshire\.closureDays\[0\]/);
    expect(() => parseProfile({ ...minimal([rule]), nudges: { replyChaseWorkingDaysBefore: 'five' } }, 'testshire')).toThrow(/nudges\.replyChaseWorkingDaysBefore/);
  });

  it('requires either a single span or anyOf', () => {
    const { anchor: _a, ...noAnchor } = rule;
    expect(() => parseProfile(minimal([noAnchor]), 'testshire')).toThrow(/rules\[0\]\.anchor: required/);
  });

  it('rejects duplicate rule ids and unknown fields', () => {
    expect(() => parseProfile(minimal([rule, rule]), 'testshire')).toThrow(/rules\[1\]\.id: duplicate/);
    expect(() => parseProfile({ ...minimal([rule]), colour: 'blue' }, 'testshire')).toThrow(/unknown field colour/);
  });

  it('accepts validated nudges', () => {
    const p = parseProfile({ ...minimal([rule]), nudges: { reportReminderWorkingDaysBefore: 2, replyChaseWorkingDaysBefore: [5, 2] } }, 'testshire');
    expect(p.nudges).toEqual({ reportReminderWorkingDaysBefore: 2, replyChaseWorkingDaysBefore: [5, 2] });
  });
});
