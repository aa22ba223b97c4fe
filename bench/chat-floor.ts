// The chat floor: a server that does only what no Quorum can avoid for the same request. It checks
// the Slack signature (or the Teams channel token, with Quorum's own check and signing-key source),
// answers the HTTP request as Quorum does, replays the SQL statements Quorum ran for that command
// (captured from Quorum's own query log, bench/chat-capture.ts) with this request's case, person,
// conference and request ids in place of the captured ones, and posts a fixed reply of the same
// size to the response_url or the connector. No parsing into commands, no rules, no views.
//   node bin/run-ts.js bench/chat-floor.ts CONFIG.json   (PORT, DATABASE_URL, SLACK_SIGNING_SECRET in the environment)
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import postgres from 'postgres';
import { checkChannelToken } from '../src/bot/teams/auth/channel-token.js';
import { signingKeysFor } from '../src/bot/teams/auth/signing-keys.js';
import { preparesWith } from '../src/store/prepared-statements.js';
import type { Captured, Statement, Template } from './chat-capture.js';
import type { Asker, Kind, Platform } from './chat-requests.js';

export interface FloorConfig {
  captured: Captured;
  askers: Asker[];
  teams: { appId: string; metadataUrl: string };
}

const CHANNEL_ISSUER = 'https://api.botframework.com';

const config = JSON.parse(fs.readFileSync(process.argv[3]!, 'utf8')) as FloorConfig;
const secret = process.env.SLACK_SIGNING_SECRET!;
// As Quorum's pool (src/store/db.ts: 10 connections). The captured parameters are already
// serialised (postgres.js's debug hook sees them so): json and jsonb go through as they are.
const asSent = (oid: number) => ({ to: oid, from: [oid], serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)), parse: (x: string) => x });
const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {}, types: { json: asSent(114), jsonb: asSent(3802) } });
const templates = new Map<string, Template>(config.captured.templates.map((t) => [`${t.platform}:${t.kind}`, t]));
const byUser = new Map<string, Asker>();
for (const a of config.askers) {
  byUser.set(`slack:${a.slackUserId}:${a.ref}`, a);
  byUser.set(`teams:${a.teamsUserId}:${a.ref}`, a);
  byUser.set(`slack:${a.slackUserId}:`, a);
  byUser.set(`teams:${a.teamsUserId}:`, a);
}
let errors = 0;

/** Rewrites one captured string parameter for this request. */
type Substitution = (value: string) => string;

/** The captured asker's numeric ids → this request's (postgres.js passes numbers through as numbers). */
function idMap(platform: Platform, b: Asker): Map<number, number> {
  const a = config.captured.askers[platform];
  return new Map([[a.caseId, b.caseId], [a.personId, b.personId], [a.conferenceId, b.conferenceId], [a.invitationId, b.invitationId]]);
}

/** An ISO or Postgres timestamp: matched as a whole, so an id such as `10` is never replaced inside `21:45:10.827Z`. */
const TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}[T ][0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Pairs (captured value → this request's), as whole tokens: `12` is not replaced inside `123`.
 * One pass over the string, so a value already replaced is never replaced again (a case id that
 * becomes another request's person id). Hashed request keys (Teams replay records: hex SHA-1)
 * become a hash of this request's id.
 */
function substitutions(platform: Platform, kind: Kind, b: Asker, requestId: string, extraIds: string[] = []): Substitution {
  const a = config.captured.askers[platform];
  const t = templates.get(`${platform}:${kind}`)!;
  const pairs: [string, string][] = [
    [t.requestId, requestId],
    ...t.extraIds.map((from, i): [string, string] => [from, extraIds[i] ?? from]),
    [a.ref, b.ref],
    [a.slackUserId, b.slackUserId],
    [a.teamsUserId, b.teamsUserId],
    [`bench-${a.personId}`, `bench-${b.personId}`],
    [String(a.caseId), String(b.caseId)],
    [String(a.personId), String(b.personId)],
    [String(a.conferenceId), String(b.conferenceId)],
    [String(a.invitationId), String(b.invitationId)],
  ];
  const table = new Map(pairs.filter(([from, to]) => from !== to));
  // Longest first, so `bench-12` is one token, not `12` inside it.
  const tokens = [...table.keys()].sort((x, y) => y.length - x.length).map(escape);
  const pattern = new RegExp(`${TIMESTAMP}|(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])${tokens.length ? `|(?<![0-9A-Za-z_-])(?:${tokens.join('|')})(?![0-9A-Za-z_])` : ''}`, 'g');
  return (value) =>
    value.replace(pattern, (m) => table.get(m) ?? (/^[0-9a-f]{40}$/.test(m) ? createHash('sha1').update(`${m}:${requestId}`).digest('hex') : m));
}

async function replay(statements: Statement[], subs: Substitution, ids: Map<number, number>): Promise<void> {
  if (statements.length === 0) return;
  const conn = await sql.reserve();
  let open = false;
  try {
    for (const s of statements) {
      const params = s.parameters.map((p) => (typeof p === 'string' ? subs(p) : typeof p === 'number' ? (ids.get(p) ?? p) : p));
      if (/^\s*begin/i.test(s.query)) open = true;
      // Prepared as Quorum prepares them (src/store/prepared-statements.ts): the floor gets the same round trips.
      await conn.unsafe(s.query, params as string[], { prepare: preparesWith(params.length) });
      if (/^\s*(commit|rollback)/i.test(s.query)) open = false;
    }
  } catch (err) {
    errors++;
    if (errors <= 3) process.stderr.write(`chat floor: ${(err as Error).message}\n`);
    if (open) await conn.unsafe('rollback').catch(() => undefined);
  } finally {
    conn.release();
  }
}

function fixedBody(bytes: number, platform: Platform): string {
  const shell = platform === 'slack' ? { response_type: 'ephemeral', replace_original: false, text: '' } : { type: 'message', text: '' };
  const empty = JSON.stringify(shell).length;
  return JSON.stringify({ ...shell, text: 'x'.repeat(Math.max(0, bytes - empty)) });
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function verifySlack(req: IncomingMessage, body: string): boolean {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  const given = String(req.headers['x-slack-signature'] ?? '');
  if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body });
  await res.arrayBuffer();
}

async function onSlack(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  if (!verifySlack(req, body)) return void res.writeHead(401).end();
  const form = new URLSearchParams(body);
  const payload = form.get('payload');
  let kind: Kind, user: string, ref: string, responseUrl: string;
  const extraIds: string[] = [];
  if (payload) {
    const p = JSON.parse(payload) as { user: { id: string }; response_url: string; actions: { value: string; action_ts: string }[] };
    extraIds.push(p.actions[0]!.action_ts);
    const value = JSON.parse(p.actions[0]!.value) as { a: string; c: string };
    kind = value.a === 'report_submitted' ? 'report' : (value.a as Kind);
    [user, ref, responseUrl] = [p.user.id, value.c, p.response_url];
  } else {
    const [verb, arg] = (form.get('text') ?? '').split(/\s+/);
    [kind, user, ref, responseUrl] = [verb as Kind, form.get('user_id')!, arg ?? '', form.get('response_url')!];
  }
  const id = decodeURIComponent(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
  const t = templates.get(`slack:${kind}`);
  const asker = byUser.get(`slack:${user}:${ref}`);
  if (!t || !asker) return void res.writeHead(400).end();
  res.writeHead(t.status).end(t.answer);
  const subs = substitutions('slack', kind, asker, id, extraIds);
  const ids = idMap('slack', asker);
  await replay(t.before, subs, ids);
  await post(responseUrl, fixedBody(t.replyBytes, 'slack'));
  await replay(t.after, subs, ids);
}

async function onTeams(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const activity = JSON.parse(body) as { id: string; type: string; text?: string; serviceUrl: string; channelId: string; from: { aadObjectId: string }; conversation: { id: string }; value?: { action: { data: { a: string; c: string } } } };
  const verdict = await checkChannelToken(req.headers.authorization, { serviceUrl: activity.serviceUrl, channelId: activity.channelId }, { appId: config.teams.appId, issuer: CHANNEL_ISSUER, keys: signingKeysFor(config.teams.metadataUrl) });
  if (!verdict.ok) return void res.writeHead(verdict.status).end();
  const invoke = activity.type === 'invoke';
  const data = activity.value?.action.data;
  const [verb, arg] = invoke ? [data!.a === 'report_submitted' ? 'report' : data!.a, data!.c] : (activity.text ?? '').split(/\s+/);
  const kind = verb as Kind;
  const t = templates.get(`teams:${kind}`);
  const asker = byUser.get(`teams:${activity.from.aadObjectId}:${arg ?? ''}`);
  if (!t || !asker) return void res.writeHead(400).end();
  const subs = substitutions('teams', kind, asker, activity.id);
  const ids = idMap('teams', asker);
  if (invoke) {
    // An Action.Execute click is answered with the refreshed card: the reply is the HTTP answer.
    await replay(t.before, subs, ids);
    res.writeHead(200, { 'content-type': 'application/json' }).end(fixedBody(t.replyBytes, 'teams'));
  } else {
    res.writeHead(t.status, { 'content-type': 'application/json' }).end(t.answer);
    await replay(t.before, subs, ids);
    const url = `${activity.serviceUrl.replace(/\/?$/, '/')}v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`;
    await post(url, fixedBody(t.replyBytes, 'teams'), { authorization: 'Bearer bench-outbound-token' });
  }
  await replay(t.after, subs, ids);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
  if (req.method === 'GET' && req.url === '/errors') return void res.writeHead(200).end(String(errors));
  void read(req)
    .then((body) => (req.url === '/slack/events' ? onSlack(req, res, body) : req.url === '/api/messages' ? onTeams(req, res, body) : void res.writeHead(404).end()))
    .catch((err: unknown) => {
      errors++;
      if (errors <= 3) process.stderr.write(`chat floor: ${(err as Error).message}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
