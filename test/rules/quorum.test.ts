import { describe, expect, it } from 'vitest';
import { evaluateAllQuorum, evaluateQuorum, loadProfile } from '../../src/rules/index.js';
import { example, facts, invitee } from './helpers.js';

const csc = invitee('S. W.', "Children's Social Care", 'childrens_social_care', 'attending', { role: 'social_worker' });
const police = (response: string, extra = {}) => invitee('P. C.', 'Police', 'police', response, extra);
const health = (response: string, extra = {}) => invitee('H. V.', 'Health Visiting', 'health', response, extra);
const school = (response: string) => invitee('T. E.', 'School', 'education', response);
const conf = (id: string, at: string, invitees: unknown[], extra = {}) => ({ id, type: 'initial', at, invitees, ...extra });

describe('evaluateQuorum', () => {
  it('is quorate with social care and two other agencies, a deputy counting as present', () => {
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), health('deputy', { deputy: 'H. L.' })])] });
    const q = evaluateQuorum('c1', f, loadProfile('swindon'));
    expect(q).toMatchObject({ conference: 'c1', quorate: true, missing: 0, socialCarePresent: true, noReply: [], warnings: [] });
    expect(q.present).toEqual([
      { agency: "Children's Social Care", sector: 'childrens_social_care', names: ['S. W.'] },
      { agency: 'Police', sector: 'police', names: ['P. C.'] },
      { agency: 'Health Visiting', sector: 'health', names: ['H. L.'] },
    ]);
  });

  it('does not count report_only, declined or no_reply, and lists who has not replied', () => {
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('report_only'), health('no_reply'), school('declined')])] });
    const q = evaluateQuorum('c1', f, loadProfile('swindon'));
    expect(q).toMatchObject({ quorate: false, missing: 2, noReply: ['H. V.'] });
    expect(q.warnings[0]).toMatch(/Inquorate: needs 2 more agencies/);
  });

  it('counts missing social care as one more needed', () => {
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [police('attending'), health('attending')])] });
    expect(evaluateQuorum('c1', f, loadProfile('swindon'))).toMatchObject({ quorate: false, missing: 1, socialCarePresent: false });
  });

  it('counts two people from one agency once', () => {
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), invitee('D. S.', 'Police', 'police', 'attending')])] });
    expect(evaluateQuorum('c1', f, loadProfile('swindon'))).toMatchObject({ quorate: false, missing: 1 });
  });

  it('warns in Swindon when the previous conference was inquorate too and three agencies are active', () => {
    const first = conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), health('report_only')], { status: 'held', quorum: { decision: 'proceeded_inquorate', reason: 'Delay harmful.' } });
    const second = { ...conf('c2', '2026-04-09T09:30:00Z', [csc, police('attending'), health('no_reply')]), type: 'review' };
    const f = facts({ conferences: [first, second] });
    expect(evaluateQuorum('c2', f, loadProfile('swindon')).warnings.join(' ')).toMatch(/previous conference \(c1\) was inquorate too.*Child Protection Conferences standard 4/);
    expect(evaluateQuorum('c2', f, loadProfile('gloucestershire')).warnings.join(' ')).not.toMatch(/previous conference/);
  });

  it('requires a recorded reason to proceed inquorate in Devon', () => {
    const held = conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending')], { status: 'held', quorum: { decision: 'proceeded_inquorate' } });
    const f = facts({ profile: 'devon', conferences: [held] });
    expect(evaluateQuorum('c1', f, loadProfile('devon')).warnings.join(' ')).toMatch(/without a recorded reason/);
    expect(evaluateQuorum('c1', f, loadProfile('swindon')).warnings.join(' ')).not.toMatch(/without a recorded reason/);
  });

  it('skips cancelled conferences in evaluateAllQuorum', () => {
    const f = example();
    f.conferences.push({ ...f.conferences[1]!, id: 'gone', status: 'cancelled' });
    expect(evaluateAllQuorum(f, loadProfile('swindon')).map((q) => q.conference)).toEqual(['icpc-1', 'rcpc-1']);
  });
});
