// A case with one person in every role, for core tests. Professionals' names are made up.
import type { ChatUser, CoreDeps, RequestContext } from '../../src/bot/core/types.js';
import type { Role } from '../../src/store/schema.js';

export const ROLE_PEOPLE: Record<Role | 'outsider', { name: string; email: string; agency: string; sector: string }> = {
  chair: { name: 'Cara Chair', email: 'cara.chair@council.example', agency: 'Safeguarding QA', sector: 'childrens_social_care' },
  social_worker: { name: 'Sol Worker', email: 'sol.worker@council.example', agency: 'Children\'s Social Care', sector: 'childrens_social_care' },
  team_manager: { name: 'Tia Manager', email: 'tia.manager@council.example', agency: 'Children\'s Social Care', sector: 'childrens_social_care' },
  conference_admin: { name: 'Abe Admin', email: 'abe.admin@council.example', agency: 'Conference Service', sector: 'childrens_social_care' },
  core_group: { name: 'Cory Group', email: 'cory.group@charity.example', agency: 'Family Support Charity', sector: 'early_help' },
  invitee: { name: 'Ian Vitee', email: 'ian.vitee@police.example', agency: 'Wiltshire Police', sector: 'police' },
  qa_manager: { name: 'Quin Manager', email: 'quin.manager@council.example', agency: 'Safeguarding QA', sector: 'childrens_social_care' },
  outsider: { name: 'Otto Side', email: 'otto.side@elsewhere.example', agency: 'Elsewhere', sector: 'other' },
};

export function roleCase(ref = 'CP-ROLE', profile = 'swindon') {
  const p = ROLE_PEOPLE;
  const member = (role: Exclude<Role, 'invitee'>) => ({ name: p[role].name, email: p[role].email, agency: p[role].agency, sector: p[role].sector, role });
  return {
    ref,
    profile,
    partnership: `${profile} test partnership`,
    children: [{ ref: 'A', initials: 'K.L.' }],
    events: [{ kind: 'strategy_discussion', at: '2026-01-05T10:00:00Z' }],
    conferences: [
      {
        id: 'icpc-1', type: 'initial', at: '2026-01-23T10:00:00Z', status: 'held', outcome: 'plan',
        outcomes: [{ child: 'A', plan: true, category: 'neglect' }], quorum: { decision: 'quorate' },
        invitees: [
          { name: p.social_worker.name, email: p.social_worker.email, agency: p.social_worker.agency, sector: 'childrens_social_care', role: 'social_worker', response: 'attending' },
          { name: p.invitee.name, email: p.invitee.email, agency: p.invitee.agency, sector: 'police', response: 'attending' },
        ],
      },
      {
        id: 'rcpc-1', type: 'review', at: '2026-04-17T10:00:00Z', status: 'scheduled',
        invitees: [
          { name: p.social_worker.name, email: p.social_worker.email, agency: p.social_worker.agency, sector: 'childrens_social_care', role: 'social_worker', response: 'attending' },
          { name: p.invitee.name, email: p.invitee.email, agency: p.invitee.agency, sector: 'police', response: 'no_reply' },
        ],
      },
    ],
    dissents: [{ conference: 'icpc-1', by: p.invitee.name, decision: 'category' as const, view: 'Police consider physical abuse the primary concern.', formal: true, lodgedAt: '2026-01-26T10:00:00Z' }],
    members: [member('chair'), member('social_worker'), member('team_manager'), member('conference_admin'), member('core_group'), member('qa_manager')],
  };
}

let seq = 0;
export function ctxFor(who: keyof typeof ROLE_PEOPLE, now = new Date('2026-02-02T10:00:00Z'), extra: Partial<RequestContext> = {}): RequestContext {
  const user: ChatUser = { platform: 'slack', workspaceId: 'T0TEST', userId: `U${who.toUpperCase().replace(/_/g, '')}`, email: ROLE_PEOPLE[who].email };
  return { user, correlationId: `test-${++seq}`, now, ...extra };
}

export type { CoreDeps };
