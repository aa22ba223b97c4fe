import { describe, expect, it } from 'vitest';
import { chairOf, isProfessional, owesReport, reportAuthors, socialWorkerOf, type Conference } from '../../src/rules/index.js';
import { facts, invitee } from './helpers.js';

const sw = invitee('S. W.', "Children's Social Care", 'childrens_social_care', 'attending', { role: 'social_worker' });
const tm = invitee('T. M.', "Children's Social Care", 'childrens_social_care', 'attending', { role: 'team_manager' });
const csc = invitee('C. S.', "Children's Social Care", 'childrens_social_care', 'attending');
const chair = invitee('C. H.', 'Safeguarding Unit', 'childrens_social_care', 'attending', { role: 'chair' });
const mum = invitee('M. O.', 'Family', 'other', 'attending', { role: 'family' });
const police = invitee('P. C.', 'Police', 'police', 'report_only');
const health = invitee('H. V.', 'Health Visiting', 'health', 'no_reply');
const school = invitee('T. E.', 'School', 'education', 'declined');

function conference(invitees: unknown[]): Conference {
  return facts({ conferences: [{ id: 'c1', type: 'initial', at: '2026-01-14T10:00:00Z', invitees }] }).conferences[0]!;
}

describe('who counts for what', () => {
  it('counts everyone but the family and the chair as a professional', () => {
    const c = conference([sw, tm, csc, chair, mum, police]);
    expect(c.invitees.filter(isProfessional).map((i) => i.name)).toEqual(['S. W.', 'T. M.', 'C. S.', 'P. C.']);
  });

  it('asks a report of professionals outside social care who have not declined, whatever their reply', () => {
    const c = conference([sw, tm, csc, chair, mum, police, health, school]);
    expect(reportAuthors(c).map((i) => i.name)).toEqual(['P. C.', 'H. V.']);
    expect(c.invitees.filter(owesReport)).toEqual(reportAuthors(c));
  });

  it('finds the named social worker first, else a social care practitioner, never the team manager or chair', () => {
    expect(socialWorkerOf(conference([csc, police, sw]))?.name).toBe('S. W.');
    expect(socialWorkerOf(conference([tm, chair, csc]))?.name).toBe('C. S.');
    expect(socialWorkerOf(conference([tm, chair, police]))).toBeUndefined();
  });

  it('finds the chair', () => {
    expect(chairOf(conference([sw, chair]))?.name).toBe('C. H.');
    expect(chairOf(conference([sw]))).toBeUndefined();
  });

  it('asks the same of store rows, whose fields are plain text', () => {
    const rows = [
      { personId: 1, role: 'professional', sector: 'police', response: 'attending' },
      { personId: 2, role: 'social_worker', sector: 'childrens_social_care', response: 'no_reply' },
    ];
    expect(reportAuthors({ invitees: rows }).map((r) => r.personId)).toEqual([1]);
    expect(socialWorkerOf({ invitees: rows })?.personId).toBe(2);
  });
});
