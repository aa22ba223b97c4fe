// Made-up demo cases, dated relative to `today` so the demo never goes stale. No real people: the
// professionals are invented, the children are initials only. The Agents Playground's user (see
// PLAYGROUND_USER) chairs DEMO-1, is invited to DEMO-2 and attended DEMO-3.
import { londonDateTime } from '../src/rules/calendar.js';

/** Who the Agents Playground says is typing (its config is written by demo/run.ts). */
export const PLAYGROUND_USER = {
  id: 'user-id-0',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
  aadObjectId: '00000000-0000-0000-0000-000000000020',
} as const;

const DAY = 86_400_000;
const PARTNERSHIP = 'Demo Partnership';
const CSC = "Demo Children's Social Care";

function workingDaysFrom(today: Date, n: number): Date {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d.setTime(d.getTime() + step * DAY);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

const date = (d: Date) => d.toISOString().slice(0, 10);
/** That day at `hour`:00 London time, whatever the clock says now: conferences in working hours. */
const at = (d: Date, hour = 10) => londonDateTime(date(d), `${String(hour).padStart(2, '0')}:00`).toISOString().replace('.000Z', 'Z');

const me = { name: PLAYGROUND_USER.name, email: PLAYGROUND_USER.email, teamsUserId: PLAYGROUND_USER.aadObjectId };
const sw = { name: 'Sam Okafor', email: 'sam.okafor@demo-csc.example', agency: CSC, sector: 'childrens_social_care' } as const;
const tm = { name: 'Priya Shah', email: 'priya.shah@demo-csc.example', agency: CSC, sector: 'childrens_social_care' } as const;
const police = { name: 'DC Jordan Reeve', email: 'jordan.reeve@demo-police.example', agency: 'Demo Constabulary', sector: 'police' } as const;
const school = { name: 'Morgan Hale', email: 'morgan.hale@demo-school.example', agency: 'Riverside Demo Primary', sector: 'education' } as const;
const gp = { name: 'Dr Casey Lund', email: 'casey.lund@demo-surgery.example', agency: 'Demo Surgery', sector: 'health' } as const;
const hv = { name: 'Robin Ellis', email: 'robin.ellis@demo-health.example', agency: 'Demo Health Visiting', sector: 'health' } as const;

export function buildDemoCases(today: Date = new Date()) {
  const wd = (n: number) => workingDaysFrom(today, n);
  return {
    cases: [
      {
        // An initial conference next week, short of quorum: only social care has said yes so far.
        ref: 'DEMO-1',
        profile: 'swindon',
        partnership: PARTNERSHIP,
        children: [{ ref: 'C1', initials: 'A.B.', dateOfBirth: '2018-03-02' }],
        events: [
          { kind: 'strategy_discussion', at: at(wd(-9)) },
          { kind: 's47_outcome', at: at(wd(-6), 15) },
        ],
        conferences: [
          {
            id: 'icpc-1',
            type: 'initial',
            at: at(wd(5)),
            bookedAt: at(wd(-5)),
            invitationsSentAt: at(wd(-4)),
            invitees: [
              { ...sw, role: 'social_worker', response: 'attending', respondedAt: at(wd(-4), 12) },
              { ...police, response: 'no_reply' },
              { ...school, response: 'report_only', respondedAt: at(wd(-2), 11) },
              { ...gp, response: 'declined', respondedAt: at(wd(-3), 9) },
              { name: me.name, email: me.email, teamsUserId: me.teamsUserId, agency: 'Demo Safeguarding Unit', sector: 'childrens_social_care', role: 'chair', response: 'attending' },
            ],
          },
        ],
        members: [
          { ...me, agency: 'Demo Safeguarding Unit', sector: 'childrens_social_care', role: 'chair' },
          { ...sw, role: 'social_worker' },
          { ...tm, role: 'team_manager' },
        ],
      },
      {
        // A review conference in two working days: professionals' reports are overdue.
        ref: 'DEMO-2',
        profile: 'swindon',
        partnership: PARTNERSHIP,
        children: [
          { ref: 'C1', initials: 'C.D.', dateOfBirth: '2016-11-20' },
          { ref: 'C2', initials: 'E.D.', dateOfBirth: '2020-07-08' },
        ],
        events: [
          { kind: 'strategy_discussion', at: at(wd(-86)) },
          { kind: 'core_group', at: at(wd(-15)) },
          { kind: 'statutory_visit', at: at(wd(-8), 14) },
        ],
        conferences: [
          {
            id: 'icpc-1',
            type: 'initial',
            at: at(wd(-64)),
            status: 'held',
            outcome: 'plan',
            outcomes: [
              { child: 'C1', plan: true, category: 'neglect' },
              { child: 'C2', plan: true, category: 'neglect' },
            ],
            quorum: { decision: 'quorate' },
            invitees: [
              { ...sw, role: 'social_worker', response: 'attending' },
              { ...police, response: 'attending' },
              { ...hv, response: 'attending' },
            ],
          },
          {
            id: 'rcpc-1',
            type: 'review',
            at: at(wd(2), 14),
            bookedAt: at(new Date(today.getTime() - 85 * DAY)),
            invitationsSentAt: at(wd(-12)),
            invitees: [
              { ...sw, role: 'social_worker', response: 'attending' },
              { ...police, response: 'attending', reportSubmittedAt: at(wd(-6)) },
              { ...hv, response: 'no_reply' },
              { name: me.name, email: me.email, teamsUserId: me.teamsUserId, agency: 'Demo Safeguarding Unit', sector: 'childrens_social_care', response: 'no_reply' },
            ],
          },
        ],
        members: [{ ...sw, role: 'social_worker' }],
      },
      {
        // A conference held three working days ago: the formal dissent window is still open.
        ref: 'DEMO-3',
        profile: 'swindon',
        partnership: PARTNERSHIP,
        children: [{ ref: 'C1', initials: 'F.G.', unborn: true, expectedDate: date(new Date(today.getTime() + 60 * DAY)) }],
        events: [{ kind: 'strategy_discussion', at: at(wd(-16)) }],
        conferences: [
          {
            id: 'icpc-1',
            type: 'initial',
            prebirth: true,
            at: at(wd(-3)),
            status: 'held',
            outcome: 'plan',
            outcomes: [{ child: 'C1', plan: true, category: 'emotional' }],
            quorum: { decision: 'quorate' },
            invitees: [
              { ...sw, role: 'social_worker', response: 'attending' },
              { ...police, response: 'attending' },
              { ...hv, response: 'attending' },
              { name: me.name, email: me.email, teamsUserId: me.teamsUserId, agency: 'Demo Safeguarding Unit', sector: 'childrens_social_care', response: 'attending' },
            ],
          },
        ],
        members: [{ ...sw, role: 'social_worker' }, { ...tm, role: 'team_manager' }],
      },
    ],
  };
}
