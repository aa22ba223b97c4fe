// A Swindon case with an initial conference on Wed 14 Jan 2026 at 10:00, two invitees who have not
// replied (health, education), and the people the scheduler writes to.
import type { ImportCase } from '../../../src/store/import.js';

export const CONF_AT = '2026-01-14T10:00:00Z';

export const EMAILS = {
  chair: 'chair@example.org',
  socialWorker: 'sw@example.org',
  admin: 'admin@example.org',
  manager: 'tm@example.org',
  police: 'police@example.org',
  health: 'hv@example.org',
  school: 'school@example.org',
} as const;

type Input = Omit<ImportCase, 'members'> & { members: ImportCase['members'] } & Record<string, unknown>;

export function silentInviteesCase(ref = 'CP-0001', overrides: Partial<Input> = {}): Input {
  return {
    ref,
    profile: 'swindon',
    partnership: 'Swindon test partnership',
    status: 'open',
    children: [{ ref: 'c1', initials: 'A.B.', unborn: false }],
    // The enquiry-stage duties Swindon tracks since issue 17 are done, so these cases nudge only about the conference.
    events: [
      { kind: 'strategy_discussion', at: '2025-12-19T11:00:00Z' },
      { kind: 'strategy_actions_sent', at: '2025-12-19T15:00:00Z' },
      { kind: 'strategy_minutes_sent', at: '2025-12-22T15:00:00Z' },
      { kind: 'icpc_invite_list', at: '2025-12-22T15:00:00Z' },
    ],
    conferences: [
      {
        id: 'icpc-1',
        type: 'initial',
        at: CONF_AT,
        status: 'scheduled',
        prebirth: false,
        transferIn: false,
        invitees: [
          { name: 'Sam Social', agency: "Swindon Children's Services", sector: 'childrens_social_care', role: 'social_worker', response: 'attending', email: EMAILS.socialWorker, reportSubmittedAt: '2026-01-02T10:00:00Z', reportSharedAt: '2026-01-02T11:00:00Z' },
          { name: 'Pat Police', agency: 'Wiltshire Police', sector: 'police', role: 'professional', response: 'attending', email: EMAILS.police, reportSubmittedAt: '2026-01-02T10:00:00Z', reportSharedAt: '2026-01-02T12:00:00Z' },
          { name: 'Hana Health', agency: 'Health Visiting', sector: 'health', role: 'professional', response: 'no_reply', email: EMAILS.health },
          { name: 'Eli School', agency: 'Oak Primary', sector: 'education', role: 'professional', response: 'no_reply', email: EMAILS.school },
        ],
      },
    ],
    dissents: [],
    members: [
      { name: 'Chris Chair', email: EMAILS.chair, agency: 'Safeguarding Unit', sector: 'childrens_social_care', role: 'chair' },
      { name: 'Sam Social', email: EMAILS.socialWorker, agency: "Swindon Children's Services", sector: 'childrens_social_care', role: 'social_worker' },
      { name: 'Ada Admin', email: EMAILS.admin, agency: 'Safeguarding Unit', sector: 'childrens_social_care', role: 'conference_admin' },
      { name: 'Tom Manager', email: EMAILS.manager, agency: "Swindon Children's Services", sector: 'childrens_social_care', role: 'team_manager' },
    ],
    ...overrides,
  } as Input;
}
