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
    expect(q.present.map(({ agency, sector, names }) => ({ agency, sector, names }))).toEqual([
      { agency: "Children's Social Care", sector: 'childrens_social_care', names: ['S. W.'] },
      { agency: 'Police', sector: 'police', names: ['P. C.'] },
      { agency: 'Health Visiting', sector: 'health', names: ['H. L.'] },
    ]);
    expect(q.present[1]).toMatchObject({ key: 'police:police', countsTowardsQuorum: true, children: ['C1'] });
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

describe('evaluateQuorum with the agency directory and direct contact', () => {
  const two = [{ ref: 'C1', initials: 'A.B.' }, { ref: 'C2', initials: 'C.D.' }];
  const held = (invitees: unknown[], extra = {}) => conf('c1', '2026-01-14T10:00:00Z', invitees, { status: 'held', ...extra });

  it('matches agencies by a normalised key, so "Wiltshire  Police" and "wiltshire police" are one agency', () => {
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, invitee('P. C.', 'Wiltshire  Police', 'police', 'attending'), invitee('D. S.', 'wiltshire police', 'police', 'attending')])] });
    const q = evaluateQuorum('c1', f, loadProfile('swindon'));
    expect(q.present.filter((p) => p.sector === 'police')).toHaveLength(1);
    expect(q).toMatchObject({ quorate: false, missing: 1 });
  });

  it("keeps a council's education service and its children's social care as two agencies", () => {
    const council = 'Swindon Borough Council';
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [invitee('S. W.', council, 'childrens_social_care', 'attending', { role: 'social_worker' }), invitee('E. O.', council, 'education', 'attending'), police('attending')])] });
    expect(evaluateQuorum('c1', f, loadProfile('swindon'))).toMatchObject({ quorate: true, missing: 0 });
  });

  it("does not count an expertise-only attendee (the council's solicitor) in Swindon, citing CPC 4", () => {
    const solicitor = invitee('L. A.', 'Swindon Borough Council Legal', 'legal', 'attending');
    const f = facts({ conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), solicitor])] });
    const q = evaluateQuorum('c1', f, loadProfile('swindon'));
    expect(q).toMatchObject({ quorate: false, missing: 1 });
    // Working Together sets no direct-contact test, so elsewhere the solicitor counts as before.
    expect(evaluateQuorum('c1', f, loadProfile('gloucestershire'))).toMatchObject({ quorate: true });
    // The directory can say otherwise for an agency that does have direct contact.
    const listed = facts({ agencies: [{ name: 'swindon borough council  legal', sector: 'legal', countsTowardsQuorum: true }], conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), solicitor])] });
    expect(evaluateQuorum('c1', listed, loadProfile('swindon'))).toMatchObject({ quorate: true });
  });

  it('in Devon needs two agencies with direct contact with each child, and says which child is short', () => {
    const f = facts({ profile: 'devon', children: two, conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), health('attending', { directContact: ['C1'] })])] });
    const q = evaluateQuorum('c1', f, loadProfile('devon'));
    expect(q.quorate).toBe(false);
    expect(q.perChild).toEqual([
      { child: 'C1', initials: 'A.B.', agencies: ['Police', 'Health Visiting'], missing: 0 },
      { child: 'C2', initials: 'C.D.', agencies: ['Police'], missing: 1 },
    ]);
    expect(q.warnings[0]).toBe('Inquorate: needs 1 more agency with direct contact with C.D..');
    // Swindon's test is the child or family: one child is enough.
    expect(evaluateQuorum('c1', { ...f, profile: 'swindon' }, loadProfile('swindon'))).toMatchObject({ quorate: true, perChild: [] });
  });

  it('in Devon is quorate when every child has two agencies with direct contact', () => {
    const f = facts({ profile: 'devon', children: two, conferences: [conf('c1', '2026-01-14T10:00:00Z', [csc, police('attending'), health('attending', { directContact: ['C1'] }), invitee('T. E.', 'School', 'education', 'attending', { directContact: ['C2'] })])] });
    expect(evaluateQuorum('c1', f, loadProfile('devon'))).toMatchObject({ quorate: true, missing: 0 });
  });

  it('says "attendance not recorded" for a held conference with no response recorded, not "inquorate"', () => {
    const f = facts({ conferences: [held([invitee('S. W.', 'CSC', 'childrens_social_care', 'no_reply', { role: 'social_worker' }), police('no_reply')])] });
    const q = evaluateQuorum('c1', f, loadProfile('swindon'));
    expect(q).toMatchObject({ attendanceRecorded: false, quorate: false });
    expect(q.notices.map((n) => n.code)).toEqual(['ATTENDANCE_NOT_RECORDED']);
    expect(q.warnings.join(' ')).not.toMatch(/Inquorate|more needed/);
  });

  it('gives each warning a stable code', () => {
    const f = facts({ profile: 'devon', conferences: [held([csc, police('attending')], { quorum: { decision: 'quorate' } })] });
    expect(evaluateQuorum('c1', f, loadProfile('devon')).notices.map((n) => n.code)).toEqual(['INQUORATE', 'RECORDED_QUORATE_BUT_NOT']);
    const g = facts({ profile: 'devon', conferences: [held([csc, police('attending')], { quorum: { decision: 'proceeded_inquorate' } })] });
    expect(evaluateQuorum('c1', g, loadProfile('devon')).notices.map((n) => n.code)).toEqual(['INQUORATE', 'PROCEEDED_WITHOUT_REASON']);
  });
});
