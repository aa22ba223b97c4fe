// Chat latency on a mixed load, against the chat floor (bench/chat-floor.ts), in one run: capture
// the statements Quorum runs for each command (bench/chat-capture.ts), then alternate the same load
// between a real `quorum serve` (Slack and authenticated Teams) and the floor, round by round.
// Clients are closed-loop: each sends a request, waits for its reply, and sends the next; half are
// on Slack and half on Teams, each with cases of its own (bench/chat-requests.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeConnector, type FakeConnector } from '../test/support/fake-connector.js';
import { channelClaims, startFakeOpenId } from '../test/support/fake-openid.js';
import { captureStatements } from './chat-capture.js';
import type { FloorConfig } from './chat-floor.js';
import { kindFor, noteWrite, pickAskers, SIGNING_SECRET, slackRequest, TEAMS_APP_ID, TEAMS_TENANT, teamsRequest, WRITES, type Asker, type Platform } from './chat-requests.js';
import { isGoodReply, SERVE_PRELOAD, startServe, startSlackSink, type Served, type SlackSink } from './serve.js';

export type Side = 'quorum' | 'floor';

export interface Samples {
  /** Until the HTTP answer (Slack: the ack; Teams: message activities, answered before their turn). */
  ack: number[];
  /** Until the reply reached the response_url / the connector (Teams clicks: the HTTP answer). */
  reply: number[];
  requests: number;
  writes: number;
  errors: number;
}

export interface ChatRow {
  platform: Platform;
  measure: 'reply' | 'ack';
  p50Ms: number;
  p99Ms: number;
  floorP99Ms: number;
  ratio: number;
  errors: number;
}

export interface ChatFigures {
  readyMs: number;
  clients: number;
  seconds: number;
  rounds: number;
  rows: ChatRow[];
  /** Per platform and side, every measured request's latencies (for the latency chart). */
  samples: Record<Platform, Record<Side, Samples>>;
  /** Statements replayed by the floor that failed (0 when the replay is faithful). */
  floorErrors: number;
  statements: { platform: Platform; kind: string; before: number; after: number; replyBytes: number }[];
}

const WARM_UP_MS = 2_000;
const REPLY_TIMEOUT_MS = 10_000;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** When each reply to an activity (POST …/activities/{its id}) reached the fake connector. */
function watchReplies(connector: FakeConnector) {
  const arrivals = new Map<string, { at: number; ok: boolean; text: string }>();
  const waiters = new Map<string, () => void>();
  const watch = {
    arrivals,
    onArrival: undefined as ((id: string) => void) | undefined,
    waitFor: (id: string, timeoutMs: number) =>
      new Promise<void>((resolve) => {
        if (arrivals.has(id)) return resolve();
        const timer = setTimeout(() => (waiters.delete(id), resolve()), timeoutMs);
        waiters.set(id, () => (clearTimeout(timer), waiters.delete(id), resolve()));
      }),
  };
  connector.onCall((c) => {
    if (c.kind !== 'reply' || !c.activityId) return;
    arrivals.set(c.activityId, { at: performance.now(), ok: isGoodReply(JSON.stringify(c.body)), text: JSON.stringify(c.body) });
    watch.onArrival?.(c.activityId);
    waiters.get(c.activityId)?.();
  });
  return watch;
}

interface Load {
  sink: SlackSink;
  connector: FakeConnector;
  replies: ReturnType<typeof watchReplies>;
  token: string;
  /** Each client's own askers. */
  owned: Asker[][];
}

let seq = 0;

/** One closed-loop load of `seconds` (after warm-up) against `base`; latencies after warm-up only. */
async function drive(base: string, side: Side, load: Load, seconds: number, log?: (s: string) => void): Promise<Record<Platform, Samples>> {
  const out: Record<Platform, Samples> = { slack: emptySamples(), teams: emptySamples() };
  const warmUntil = performance.now() + WARM_UP_MS;
  const until = warmUntil + seconds * 1000;
  await Promise.all(
    load.owned.map(async (mine, client) => {
      const platform: Platform = client % 2 === 0 ? 'slack' : 'teams';
      for (let n = 0; performance.now() < until; n++) {
        const asker = mine[n % mine.length]!;
        const kind = kindFor(n + client, asker);
        const id = `${side}-${++seq}`;
        const req = platform === 'slack' ? slackRequest(kind, asker, id, load.sink.url) : teamsRequest(kind, asker, id, load.connector.url, load.token);
        const sentAt = performance.now();
        let ok = false;
        let answeredAt = NaN;
        let repliedAt = NaN;
        let lastText = '';
        try {
          const res = await fetch(`${base}${req.path}`, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(REPLY_TIMEOUT_MS) });
          const text = await res.text();
          lastText = `${res.status} ${text}`;
          answeredAt = performance.now();
          ok = res.status >= 200 && res.status < 300;
          if (req.answeredInResponse) {
            repliedAt = answeredAt;
            ok &&= isGoodReply(text, kind);
          } else if (platform === 'slack') {
            ok &&= await load.sink.waitFor(id, REPLY_TIMEOUT_MS);
            const got = load.sink.arrivals.get(id);
            repliedAt = got?.at ?? NaN;
            ok &&= Boolean(got?.ok) && isGoodReply(got!.text, kind);
            lastText = got?.text ?? 'no reply';
            load.sink.arrivals.delete(id);
          } else {
            await load.replies.waitFor(id, REPLY_TIMEOUT_MS);
            const got = load.replies.arrivals.get(id);
            repliedAt = got?.at ?? NaN;
            ok &&= Boolean(got?.ok) && isGoodReply(got!.text, kind);
            lastText = got?.text ?? 'no reply';
            load.replies.arrivals.delete(id);
          }
        } catch {
          ok = false;
        }
        if (ok && WRITES.has(kind)) noteWrite(kind, asker);
        if (sentAt < warmUntil) continue;
        const s = out[platform];
        s.requests++;
        if (WRITES.has(kind)) s.writes++;
        if (!ok || !Number.isFinite(repliedAt)) {
          if (s.errors++ === 0) log?.(`first ${side} ${platform} error: ${kind} ${lastText.slice(0, 300)}`);
          continue;
        }
        // A Teams click is answered with its card: that answer is the reply, not an ack.
        if (!req.answeredInResponse) s.ack.push(answeredAt - sentAt);
        s.reply.push(repliedAt - sentAt);
      }
    }),
  );
  return out;
}

function emptySamples(): Samples {
  return { ack: [], reply: [], requests: 0, writes: 0, errors: 0 };
}

function merge(into: Samples, more: Samples): void {
  for (const v of more.ack) into.ack.push(v);
  for (const v of more.reply) into.reply.push(v);
  into.requests += more.requests;
  into.writes += more.writes;
  into.errors += more.errors;
}

export async function runChatBench(url: string, opts: { clients: number; seconds: number; rounds: number }, log: (s: string) => void): Promise<ChatFigures> {
  const sink = await startSlackSink();
  const connector = await startFakeConnector();
  const idp = await startFakeOpenId('ok');
  const replies = watchReplies(connector);
  const token = idp.token(channelClaims(TEAMS_APP_ID, connector.url));
  const perClient = 8;
  const askers = await pickAskers(url, opts.clients * perClient + 2);
  // The capture's askers: ids that cannot be mistaken for one another when the floor swaps them.
  const take = () => askers.splice(askers.findIndex((a) => new Set([a.caseId, a.personId, a.conferenceId, a.invitationId]).size === 4 && a.caseId > 9), 1)[0]!;
  const captureAskers = { slack: take(), teams: take() };
  if (askers.length < opts.clients) throw new Error(`the data set has too few askers (${askers.length}) for ${opts.clients} clients`);
  const owned = Array.from({ length: opts.clients }, (_, i) => askers.filter((_, j) => j % opts.clients === i));
  const env = {
    DATABASE_URL: url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${sink.url}/api/`,
    MICROSOFT_APP_ID: TEAMS_APP_ID, MICROSOFT_APP_PASSWORD: 'bench-not-a-secret', MICROSOFT_APP_TENANT_ID: TEAMS_TENANT, BENCH_TEAMS_OPENID_URL: idp.metadataUrl,
    // A chat-only replica (docs/operations.md): the sweep is measured on its own.
    QUORUM_SCHEDULER: 'off',
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-floor-'));
  let quorum: Served | undefined;
  let floor: Served | undefined;
  try {
    const captured = await captureStatements(captureAskers, { env, sink, connector, token, replies }, log);
    const config: FloorConfig = { captured, askers, teams: { appId: TEAMS_APP_ID, metadataUrl: idp.metadataUrl } };
    fs.writeFileSync(path.join(dir, 'floor.json'), JSON.stringify(config));
    if (process.env.BENCH_DEBUG) fs.writeFileSync(process.env.BENCH_DEBUG, JSON.stringify(config, null, 1));
    quorum = await startServe(env, { nodeArgs: SERVE_PRELOAD });
    log(`quorum serve ready in ${quorum.readyMs.toFixed(0)} ms`);
    floor = await startServe({ DATABASE_URL: url, SLACK_SIGNING_SECRET: SIGNING_SECRET }, { args: ['bin/run-ts.js', 'bench/chat-floor.ts', path.join(dir, 'floor.json')] });
    const samples: ChatFigures['samples'] = { slack: { quorum: emptySamples(), floor: emptySamples() }, teams: { quorum: emptySamples(), floor: emptySamples() } };
    const ctx: Load = { sink, connector, replies, token, owned };
    for (let round = 1; round <= opts.rounds; round++) {
      for (const [side, served] of [['quorum', quorum], ['floor', floor]] as const) {
        const got = await drive(served.url, side, ctx, opts.seconds, log);
        for (const p of ['slack', 'teams'] as const) merge(samples[p][side], got[p]);
        log(`round ${round} ${side}: ${(['slack', 'teams'] as const).map((p) => `${p} ${got[p].requests} requests (${got[p].writes} writes), reply p99 ${percentile([...got[p].reply].sort((a, b) => a - b), 99).toFixed(0)} ms, ${got[p].errors} errors`).join('; ')}`);
      }
    }
    const floorErrors = Number(await fetch(`${floor.url}/errors`).then((r) => r.text()));
    const rows: ChatRow[] = [];
    for (const platform of ['slack', 'teams'] as const) {
      for (const measure of ['ack', 'reply'] as const) {
        const q = [...samples[platform].quorum[measure]].sort((a, b) => a - b);
        const f = [...samples[platform].floor[measure]].sort((a, b) => a - b);
        const p99 = percentile(q, 99);
        const floorP99 = percentile(f, 99);
        rows.push({ platform, measure, p50Ms: round1(percentile(q, 50)), p99Ms: round1(p99), floorP99Ms: round1(floorP99), ratio: Math.round((p99 / floorP99) * 100) / 100, errors: samples[platform].quorum.errors });
      }
    }
    const statements = captured.templates.map((t) => ({ platform: t.platform, kind: t.kind, before: t.before.length, after: t.after.length, replyBytes: t.replyBytes }));
    return { readyMs: quorum.readyMs, clients: opts.clients, seconds: opts.seconds, rounds: opts.rounds, rows, samples, floorErrors, statements };
  } finally {
    await quorum?.stop();
    await floor?.stop();
    await connector.close();
    await sink.close();
    await idp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
