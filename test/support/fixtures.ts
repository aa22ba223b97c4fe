// Made-up cases for tests: professionals' names are invented, children are initials only.
// FIXTURE_CHILD_NAMES are names that must never appear anywhere (the leak scan looks for them).
export const FIXTURE_CHILD_NAMES = ['Jasmine Smith', 'Oliver Twistleton'];

export interface FixtureOptions {
  ref?: string;
  profile?: string;
  partnership?: string;
  strategyAt?: string;
  conferenceAt?: string;
  conferenceStatus?: 'scheduled' | 'held';
}

export const PEOPLE = {
  chair: { name: 'Chris Chair', email: 'chair@council.example', agency: 'Swindon Borough Council', sector: 'childrens_social_care', role: 'chair', slackUserId: 'UCHAIR001' },
  sw: { name: 'Sam Social', email: 'sam.social@council.example', agency: 'Swindon Borough Council', sector: 'childrens_social_care', role: 'social_worker', slackUserId: 'USW000001' },
  admin: { name: 'Ada Admin', email: 'admin@council.example', agency: 'Swindon Borough Council', sector: 'childrens_social_care', role: 'conference_admin', slackUserId: 'UADMIN001' },
  tm: { name: 'Tom Manager', email: 'tm@council.example', agency: 'Swindon Borough Council', sector: 'childrens_social_care', role: 'team_manager' },
  qa: { name: 'Quinn Assure', email: 'qa@council.example', agency: 'Swindon Borough Council', sector: 'childrens_social_care', role: 'qa_manager' },
} as const;

export const INVITEES = {
  police: { name: 'Pat Officer', agency: 'Wiltshire Police', sector: 'police', email: 'pat.officer@police.example', slackUserId: 'UPOLICE01' },
  health: { name: 'Helen Visitor', agency: 'Great Western Hospitals NHS FT', sector: 'health', email: 'helen.visitor@nhs.example', slackUserId: 'UHEALTH01' },
  school: { name: 'Sian Teacher', agency: 'Oakfield Primary School', sector: 'education', email: 'sian.teacher@school.example' },
} as const;

/** One Swindon case: strategy discussion, an initial conference, three invitees who have not replied. */
export function caseFixture(o: FixtureOptions = {}) {
  const ref = o.ref ?? 'CP-0001';
  return {
    ref,
    profile: o.profile ?? 'swindon',
    partnership: o.partnership ?? `${o.profile ?? 'swindon'} test partnership`,
    children: [{ ref: 'A', initials: 'J.S.', unborn: false }],
    events: [{ kind: 'strategy_discussion', at: o.strategyAt ?? '2026-01-05T10:00:00Z' }],
    conferences: [
      {
        id: 'icpc-1',
        type: 'initial',
        at: o.conferenceAt ?? '2026-01-23T10:00:00Z',
        status: o.conferenceStatus ?? 'scheduled',
        invitees: [
          { name: PEOPLE.sw.name, agency: PEOPLE.sw.agency, sector: 'childrens_social_care', role: 'social_worker', email: PEOPLE.sw.email, response: 'attending' },
          { ...INVITEES.police, response: 'no_reply' },
          { ...INVITEES.health, response: 'no_reply' },
          { ...INVITEES.school, response: 'no_reply' },
        ],
      },
    ],
    members: [PEOPLE.chair, PEOPLE.sw, PEOPLE.admin, PEOPLE.tm, PEOPLE.qa],
  };
}

export function importFile(...cases: ReturnType<typeof caseFixture>[]) {
  return { cases: cases.length ? cases : [caseFixture()] };
}
