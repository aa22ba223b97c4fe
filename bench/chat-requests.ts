// The requests of the chat bench, as Slack and Teams send them: signed slash commands and button
// clicks (HMAC-SHA256 over v0:timestamp:body), and Bot Framework message and invoke activities with
// a channel token signed by the fake OpenID authority. Every asker is the social worker of a case
// with a conference booked ahead: a member of the case (next, case, mine) and invited to the
// conference (attendance, report).
import { createHmac } from 'node:crypto';
import postgres from 'postgres';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const TEAM = 'T0BENCH';
export const TEAMS_APP_ID = '00000000-0000-0000-0000-00000000be01';
export const TEAMS_TENANT = '00000000-0000-0000-0000-00000000be0a';

export type Kind = 'next' | 'case' | 'mine' | 'attend' | 'decline' | 'report';
export const KINDS: Kind[] = ['next', 'case', 'mine', 'attend', 'decline', 'report'];
export const WRITES = new Set<Kind>(['attend', 'decline', 'report']);
export type Platform = 'slack' | 'teams';

export interface Asker {
  caseId: number;
  ref: string;
  personId: number;
  slackUserId: string;
  teamsUserId: string;
  conferenceId: number;
  conferenceKey: string;
  invitationId: number;
  /** The asker's answer now, so an attendance click always changes it. */
  response: string;
  reported: boolean;
}

/** Social workers invited to a conference still ahead, without a report yet, one a case. */
export async function pickAskers(url: string, count: number): Promise<Asker[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ case_id: number; ref: string; person_id: number; slack_user_id: string; teams_user_id: string; conference_id: number; key: string; invitation_id: number; response: string }[]>`
    select distinct on (c.id) c.id as case_id, c.ref, p.id as person_id, p.slack_user_id, p.teams_user_id, f.id as conference_id, f.key, i.id as invitation_id, i.response
    from cases c join case_members m on m.case_id = c.id and m.role = 'social_worker' join people p on p.id = m.person_id
    join conferences f on f.case_id = c.id and f.status = 'scheduled'
    join invitations i on i.conference_id = f.id and i.person_id = p.id and i.removed_at is null and i.report_submitted_at is null
    where c.status = 'open' order by c.id, f.scheduled_at`;
  await sql.end();
  // Spread over the data set, not the first cases loaded.
  const step = Math.max(1, Math.floor(rows.length / count));
  return rows
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((r) => ({ caseId: r.case_id, ref: r.ref, personId: r.person_id, slackUserId: r.slack_user_id, teamsUserId: r.teams_user_id, conferenceId: r.conference_id, conferenceKey: r.key, invitationId: r.invitation_id, response: r.response, reported: false }));
}

export interface Request {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the reply is matched by: the response_url's id (Slack) or the activity id (Teams). */
  id: string;
  /** Teams invokes are answered in the HTTP response itself. */
  answeredInResponse: boolean;
  /** Other ids of this request that Quorum stores (a click's action_ts), in a fixed order. */
  extraIds: string[];
}

let stamp = 0;

export function commandText(kind: Kind, a: Asker): string {
  return kind === 'mine' ? 'mine' : `${kind} ${a.ref}`;
}

function actionPayload(kind: Kind, a: Asker) {
  return { a: kind === 'report' ? 'report_submitted' : kind, c: a.ref, f: a.conferenceKey };
}

export function slackRequest(kind: Kind, a: Asker, id: string, sinkUrl: string): Request {
  const responseUrl = `${sinkUrl}/response/${id}`;
  let body: string;
  const extraIds: string[] = [];
  if (WRITES.has(kind)) {
    // Slack's action_ts: digits, unique per click (it keys the click's replay record).
    extraIds.push(`${1_700_000_000 + ++stamp}.${String(process.pid % 1_000_000).padStart(6, '0')}`);
    const p = actionPayload(kind, a);
    const payload = {
      type: 'block_actions', team: { id: TEAM, domain: 'bench' }, user: { id: a.slackUserId, username: 'bench', team_id: TEAM }, api_app_id: 'ABENCH', trigger_id: `${id}.trigger`,
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: `D${a.slackUserId.slice(1)}`, is_ephemeral: true }, channel: { id: `D${a.slackUserId.slice(1)}` }, response_url: responseUrl,
      actions: [{ type: 'button', action_id: `quorum:${p.a}:${p.f}`, block_id: 'quorum_actions_bench', value: JSON.stringify(p), action_ts: extraIds[0]! }],
    };
    body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  } else {
    body = new URLSearchParams({
      token: 'unused', team_id: TEAM, team_domain: 'bench', channel_id: `D${a.slackUserId.slice(1)}`, channel_name: 'directmessage', user_id: a.slackUserId, user_name: 'bench',
      command: '/cp', text: commandText(kind, a), api_app_id: 'ABENCH', response_url: responseUrl, trigger_id: `${id}.trigger`,
    }).toString();
  }
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body, id, answeredInResponse: false, extraIds };
}

export function teamsRequest(kind: Kind, a: Asker, id: string, serviceUrl: string, token: string): Request {
  const common = {
    id, timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams',
    from: { id: `29:bench-${a.personId}`, aadObjectId: a.teamsUserId, name: 'Bench User' },
    conversation: { conversationType: 'personal', tenantId: TEAMS_TENANT, id: `a:bench-${a.personId}` },
    recipient: { id: `28:${TEAMS_APP_ID}`, name: 'Quorum' }, channelData: { tenant: { id: TEAMS_TENANT } }, locale: 'en-GB',
  };
  const activity = WRITES.has(kind)
    ? { ...common, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'bench-card', value: { action: { type: 'Action.Execute', id: `${id}.action`, verb: actionPayload(kind, a).a, data: actionPayload(kind, a) }, trigger: 'manual' } }
    : { ...common, type: 'message', text: commandText(kind, a), textFormat: 'plain' };
  return { path: '/api/messages', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity), id, answeredInResponse: WRITES.has(kind), extraIds: [] };
}

/** The `n`th request of a client: 70% reads (next, case, mine), 30% writes (attendance 2 in 3, report 1 in 3). */
export function kindFor(n: number, a: Asker): Kind {
  const slot = n % 10;
  if (slot < 7) return (['next', 'case', 'mine'] as const)[slot % 3]!;
  if (slot === 9 && !a.reported) return 'report';
  return a.response === 'declined' ? 'attend' : 'decline';
}

/** After a write, what the asker's state now is (so the next click changes it again). */
export function noteWrite(kind: Kind, a: Asker): void {
  if (kind === 'attend') a.response = 'attending';
  if (kind === 'decline') a.response = 'declined';
  if (kind === 'report') a.reported = true;
}
