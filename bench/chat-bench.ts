// Chat latency: concurrent clients sending signed Slack `/cp next CASE` commands and Teams `next CASE`
// messages to a real `quorum serve` over the bench database. Every request is a different
// command (a new trigger_id / activity id), by a member of that case.
import { createHmac } from 'node:crypto';
import postgres from 'postgres';
import { startFakeConnector, type FakeConnector } from '../test/support/fake-connector.js';
import { startServe, startSlackSink, type SlackSink } from './serve.js';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const TEAM = 'T0BENCH';

export interface LatencyFigures {
  platform: 'slack' | 'teams';
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  /** Until the reply reached the response_url (Slack) or the connector (Teams). */
  reply?: { p50: number; p99: number; max: number; missing: number; errors: number };
}

export interface ChatFigures {
  readyMs: number;
  clients: number;
  seconds: number;
  slack: LatencyFigures;
  teams: LatencyFigures;
}

interface Asker {
  ref: string;
  slackUserId: string;
  teamsUserId: string;
  personId: number;
}

async function pickAskers(url: string, count: number): Promise<Asker[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ ref: string; slack_user_id: string; teams_user_id: string; id: number }[]>`
    select c.ref, p.slack_user_id, p.teams_user_id, p.id from case_members m join cases c on c.id = m.case_id join people p on p.id = m.person_id
    where m.role in ('social_worker', 'chair') and c.status = 'open' order by md5(c.ref || p.id::text) limit ${count}`;
  await sql.end();
  return rows.map((r) => ({ ref: r.ref, slackUserId: r.slack_user_id, teamsUserId: r.teams_user_id, personId: r.id }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `clients` loops, each sending one request after another for `seconds`; latencies after warm-up only. */
type Sent = { ok: boolean; id: string; sentAt: number; answeredAt?: number };

async function drive(clients: number, seconds: number, send: (n: number) => Promise<Sent>): Promise<{ latencies: number[]; errors: number; sent: { id: string; sentAt: number }[] }> {
  const latencies: number[] = [];
  const sent: { id: string; sentAt: number }[] = [];
  let errors = 0;
  let seq = 0;
  const warmUntil = performance.now() + 2_000;
  const until = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const n = ++seq;
        const start = performance.now();
        const r: Sent = await send(n).catch(() => ({ ok: false, id: '', sentAt: start }));
        if (start < warmUntil) continue;
        latencies.push((r.answeredAt ?? performance.now()) - start);
        sent.push({ id: r.id, sentAt: r.sentAt });
        if (!r.ok) errors++;
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, sent };
}

function summarise(platform: 'slack' | 'teams', run: Awaited<ReturnType<typeof drive>>, seconds: number): LatencyFigures {
  const l = run.latencies;
  return { platform, requests: l.length, errors: run.errors, p50: percentile(l, 50), p99: percentile(l, 99), max: l[l.length - 1] ?? NaN, rps: l.length / seconds };
}

type Arrivals = Map<string, { at: number; ok: boolean }>;

function summariseReplies(run: Awaited<ReturnType<typeof drive>>, arrivals: Arrivals): NonNullable<LatencyFigures['reply']> {
  const replies: number[] = [];
  let missing = 0;
  let errors = 0;
  for (const s of run.sent) {
    const got = arrivals.get(s.id);
    if (!got) missing++;
    else {
      replies.push(got.at - s.sentAt);
      if (!got.ok) errors++;
    }
  }
  replies.sort((a, b) => a - b);
  return { p50: percentile(replies, 50), p99: percentile(replies, 99), max: replies[replies.length - 1] ?? NaN, missing, errors };
}

async function runSlack(base: string, sink: SlackSink, askers: Asker[], clients: number, seconds: number): Promise<LatencyFigures> {
  const run = await drive(clients, seconds, async (n) => {
    const a = askers[n % askers.length]!;
    const id = `bench-${n}`;
    const body = new URLSearchParams({
      token: 'unused', team_id: TEAM, team_domain: 'bench', channel_id: `D${a.slackUserId.slice(1)}`, channel_name: 'directmessage', user_id: a.slackUserId, user_name: 'bench',
      command: '/cp', text: `next ${a.ref}`, api_app_id: 'ABENCH', response_url: `${sink.url}/response/${id}`, trigger_id: `${n}.${Date.now()}.bench`,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const sentAt = performance.now();
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body });
    await res.arrayBuffer();
    const answeredAt = performance.now();
    // A person waits for the answer before asking again: the client is closed-loop on the reply.
    await sink.waitFor(id, 10_000);
    return { ok: res.status === 200, id, sentAt, answeredAt };
  });
  return { ...summarise('slack', run, seconds), reply: summariseReplies(run, sink.arrivals) };
}

/** When each reply to an activity (POST …/activities/{its id}) reached the fake connector. */
function watchReplies(connector: FakeConnector) {
  const arrivals: Arrivals = new Map();
  const waiters = new Map<string, () => void>();
  connector.onCall((c) => {
    if (c.kind !== 'reply' || !c.activityId) return;
    arrivals.set(c.activityId, { at: performance.now(), ok: !/Nothing was recorded|don't know you/.test(JSON.stringify(c.body)) });
    waiters.get(c.activityId)?.();
  });
  const waitFor = (id: string, timeoutMs: number) =>
    new Promise<void>((resolve) => {
      if (arrivals.has(id)) return resolve();
      const timer = setTimeout(() => (waiters.delete(id), resolve()), timeoutMs);
      waiters.set(id, () => (clearTimeout(timer), waiters.delete(id), resolve()));
    });
  return { arrivals, waitFor };
}

async function runTeams(base: string, connector: FakeConnector, askers: Asker[], clients: number, seconds: number): Promise<LatencyFigures> {
  const serviceUrl = connector.url;
  const replies = watchReplies(connector);
  const run = await drive(clients, seconds, async (n) => {
    const a = askers[n % askers.length]!;
    const id = `bench-${n}`;
    const activity = {
      type: 'message', id, text: `next ${a.ref}`, textFormat: 'plain', timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams',
      from: { id: `29:bench-${a.personId}`, aadObjectId: a.teamsUserId, name: 'Bench User' },
      conversation: { conversationType: 'personal', tenantId: 'bench-tenant', id: `a:bench-${a.personId}` },
      recipient: { id: '28:bench-bot', name: 'Quorum' }, channelData: { tenant: { id: 'bench-tenant' } }, locale: 'en-GB',
    };
    const sentAt = performance.now();
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.arrayBuffer();
    const answeredAt = performance.now();
    // As for Slack: a person waits for the reply before asking again.
    await replies.waitFor(id, 10_000);
    return { ok: res.status >= 200 && res.status < 300, id, sentAt, answeredAt };
  });
  return { ...summarise('teams', run, seconds), reply: summariseReplies(run, replies.arrivals) };
}

export async function runChatBench(url: string, opts: { clients: number; seconds: number; only?: 'slack' | 'teams' }, log: (s: string) => void): Promise<ChatFigures> {
  const sink = await startSlackSink();
  const connector = await startFakeConnector();
  const askers = await pickAskers(url, 2000);
  // A chat-only replica (see docs/operations.md): the sweep's latency is measured on its own.
  const served = await startServe({ DATABASE_URL: url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${sink.url}/api/`, QUORUM_SCHEDULER: 'off' });
  log(`quorum serve ready in ${served.readyMs.toFixed(0)} ms`);
  try {
    const skipped = (platform: 'slack' | 'teams'): LatencyFigures => ({ platform, requests: 0, errors: 0, p50: NaN, p99: NaN, max: NaN, rps: 0, reply: { p50: NaN, p99: NaN, max: NaN, missing: 0, errors: 0 } });
    const only = opts.only;
    const slack = only === 'teams' ? skipped('slack') : await runSlack(served.url, sink, askers, opts.clients, opts.seconds);
    log(`slack: ${slack.requests} requests, p50 ${slack.p50.toFixed(1)} ms, p99 ${slack.p99.toFixed(1)} ms, errors ${slack.errors}`);
    const teams = only === 'slack' ? skipped('teams') : await runTeams(served.url, connector, askers, opts.clients, opts.seconds);
    log(`teams: ${teams.requests} requests, p50 ${teams.p50.toFixed(1)} ms, p99 ${teams.p99.toFixed(1)} ms, errors ${teams.errors}; reply p50 ${teams.reply!.p50.toFixed(1)} ms, p99 ${teams.reply!.p99.toFixed(1)} ms`);
    return { readyMs: served.readyMs, clients: opts.clients, seconds: opts.seconds, slack, teams };
  } finally {
    await served.stop();
    await connector.close();
    await sink.close();
  }
}
