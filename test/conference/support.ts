// Cases for the conference tests: a Swindon case with a strategy discussion and no conference yet,
// a national-standards case, and the professionals to invite. Names are made up; children are
// initials only.
import { sql } from 'drizzle-orm';
import type { CoreDeps, CoreReply, RequestContext } from '../../src/bot/core/types.js';
import { queryRows } from '../../src/store/db.js';
import { importCases } from '../../src/store/import.js';
import type { TestStore } from '../support/databases.js';

export const P = {
  chair: { name: 'Cleo Chair', email: 'cleo.chair@council.example', agency: 'Safeguarding QA', sector: 'childrens_social_care', slackUserId: 'UCLEOCH01' },
  sw: { name: 'Sid Worker', email: 'sid.worker@council.example', agency: "Children's Social Care", sector: 'childrens_social_care', slackUserId: 'USIDWK001' },
  sw2: { name: 'Sue Worker', email: 'sue.worker@council.example', agency: "Children's Social Care", sector: 'childrens_social_care' },
  admin: { name: 'Ari Admin', email: 'ari.admin@council.example', agency: 'Conference Service', sector: 'childrens_social_care', slackUserId: 'UARIAD001' },
  tm: { name: 'Tess Manager', email: 'tess.manager@council.example', agency: "Children's Social Care", sector: 'childrens_social_care' },
  police: { name: 'Pip Constable', email: 'pip.constable@police.example', agency: 'Wiltshire Police', sector: 'police', slackUserId: 'UPIPCO001' },
  health: { name: 'Hana Visitor', email: 'hana.visitor@nhs.example', agency: 'Great Western Hospitals NHS FT', sector: 'health' },
  outsider: { name: 'Oz Elsewhere', email: 'oz.elsewhere@other.example', agency: 'Elsewhere', sector: 'other' },
} as const;
export type Who = keyof typeof P;

/** Strategy discussion Mon 5 Jan 2026: the Swindon ICPC is due by Mon 26 Jan 2026 (15 working days). */
export const STRATEGY_AT = '2026-01-05T10:00:00Z';
export const NOW = new Date('2026-01-06T09:00:00Z');

const member = (who: Who, role: string) => ({ name: P[who].name, email: P[who].email, agency: P[who].agency, sector: P[who].sector, role, ...('slackUserId' in P[who] ? { slackUserId: P[who].slackUserId } : {}) });

export function bookingCase(ref = 'CP-CONF', profile = 'swindon') {
  return {
    ref,
    profile,
    partnership: `${profile} test partnership`,
    children: [
      { ref: 'A', initials: 'K.L.' },
      { ref: 'B', initials: 'M.N.' },
    ],
    events: [{ kind: 'strategy_discussion', at: STRATEGY_AT }],
    conferences: [],
    members: [member('chair', 'chair'), member('sw', 'social_worker'), member('sw2', 'social_worker'), member('admin', 'conference_admin'), member('tm', 'team_manager')],
  };
}

/** Another case where the police officer and the outsider are known: they exist in the store but are not on CP-CONF. */
export function otherCase() {
  return { ...bookingCase('CP-ELSE', 'national'), members: [member('police', 'core_group'), member('outsider', 'core_group')] };
}

export async function seed(store: TestStore, ...extra: ReturnType<typeof bookingCase>[]): Promise<void> {
  await importCases(store, { cases: [bookingCase(), otherCase(), ...extra] }, { actor: 'test', correlationId: 'seed' });
}

let seq = 0;
export function ctx(who: Who, now = NOW): RequestContext {
  return { user: { platform: 'slack', workspaceId: 'T0TEST', userId: `UT${who.toUpperCase()}`, email: P[who].email }, correlationId: `conf-${++seq}`, now };
}

export async function count(store: TestStore, table: string, where = 'true'): Promise<number> {
  return (await queryRows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${table} where ${where}`)))[0]!.n;
}

const TABLES = ['conferences', 'invitations', 'events', 'audit_log', 'nudges', 'people', 'case_members', 'chat_identities'];

/** Row counts and a checksum of the mutable columns of every table a command could write. */
export async function snapshot(store: TestStore): Promise<string> {
  const counts = await Promise.all(TABLES.map((t) => count(store, t)));
  const [conf] = await queryRows<{ s: string }>(store.db, sql`select coalesce(string_agg(status || scheduled_at::text || coalesce(status_reason, ''), ',' order by id), '') as s from conferences`);
  const [inv] = await queryRows<{ s: string }>(store.db, sql`select coalesce(string_agg(response || coalesce(removed_at::text, ''), ',' order by id), '') as s from invitations`);
  const [ev] = await queryRows<{ s: string }>(store.db, sql`select coalesce(string_agg(coalesce(superseded_by::text, '-'), ',' order by id), '') as s from events`);
  return JSON.stringify({ counts, conf: conf?.s, inv: inv?.s, ev: ev?.s });
}

export const text = (r: CoreReply) => JSON.stringify(r);

export function deps(store: TestStore): CoreDeps & { replanned: number[] } {
  const replanned: number[] = [];
  return { store, replanned, onReplanned: (ids) => void replanned.push(...ids) };
}
