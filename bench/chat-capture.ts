// The capture step of the chat bench: one `quorum serve` with postgres.js's debug hook on
// (bench/preload), one request of each kind on each platform, one at a time, by an asker kept for
// this. Quorum's own query log, cut at marks the bench writes into it, gives the statements each
// command runs before its reply and after it, and the reply's size: what the chat floor replays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeConnector } from '../test/support/fake-connector.js';
import { KINDS, slackRequest, teamsRequest, type Asker, type Kind, type Platform, type Request } from './chat-requests.js';
import { startServe, SERVE_PRELOAD, type SlackSink } from './serve.js';

export interface Statement {
  query: string;
  parameters: (string | null)[];
}

export interface Template {
  platform: Platform;
  kind: Kind;
  /** The captured request's id (response_url id, activity id; trigger and action ids derive from it). */
  requestId: string;
  extraIds: string[];
  /** Statements sent before the reply left, and after (re-planning, notices, audit). */
  before: Statement[];
  after: Statement[];
  /** HTTP answer to the request: status and body as Quorum sent them. */
  status: number;
  answer: string;
  /** Bytes of the reply body (response_url post, connector post, or invoke response). */
  replyBytes: number;
}

export interface Captured {
  /** One asker a platform: a report is submitted once, so each platform's capture has its own. */
  askers: Record<Platform, Asker>;
  templates: Template[];
}

interface Deps {
  env: Record<string, string>;
  sink: SlackSink;
  connector: FakeConnector;
  token: string;
  replies: { waitFor(id: string, timeoutMs: number): Promise<void>; onArrival?: (id: string) => void };
}

export async function captureStatements(askers: Record<Platform, Asker>, deps: Deps, log: (s: string) => void): Promise<Captured> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-')), 'sql.jsonl');
  fs.writeFileSync(file, '');
  const mark = (m: Record<string, unknown>) => fs.appendFileSync(file, `${JSON.stringify({ mark: m })}\n`);
  const served = await startServe({ ...deps.env, BENCH_SQL_LOG: file }, { nodeArgs: SERVE_PRELOAD });
  const answers = new Map<string, Answer>();
  deps.sink.onArrival = (id) => mark({ reply: id });
  deps.replies.onArrival = (id) => mark({ reply: id });
  let n = 0;
  const send = async (platform: Platform, kind: Kind, record: boolean) => {
    const id = `capture-${platform}-${kind}-${++n}`;
    const asker = askers[platform];
    const req: Request = platform === 'slack' ? slackRequest(kind, asker, id, deps.sink.url) : teamsRequest(kind, asker, id, deps.connector.url, deps.token);
    if (record) mark({ start: `${platform}:${kind}` });
    const res = await fetch(`${served.url}${req.path}`, { method: 'POST', headers: req.headers, body: req.body });
    const answer = await res.text();
    if (req.answeredInResponse) mark({ reply: id });
    else if (platform === 'slack') await deps.sink.waitFor(id, 10_000);
    else await deps.replies.waitFor(id, 10_000);
    // Re-planning, notices and audit after the reply: wait until the log is quiet.
    await quiet(file);
    if (record) mark({ end: `${platform}:${kind}` });
    const bytes = req.answeredInResponse ? Buffer.byteLength(answer) : platform === 'slack' ? deps.sink.arrivals.get(id)?.bytes : replyBytes(deps.connector, id);
    answers.set(`${platform}:${kind}`, { id, extraIds: req.extraIds, status: res.status, answer: req.answeredInResponse ? '' : answer, bytes });
  };
  try {
    for (const platform of ['slack', 'teams'] as const) {
      // The first request of a person links their chat identity: done once, not part of a command's cost.
      await send(platform, 'mine', false);
      for (const kind of ['next', 'case', 'mine', 'decline', 'attend', 'report'] as Kind[]) await send(platform, kind, true);
    }
  } finally {
    deps.sink.onArrival = undefined;
    deps.replies.onArrival = undefined;
    await served.stop();
  }
  const templates = cut(fs.readFileSync(file, 'utf8'), answers);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  for (const t of templates) log(`captured ${t.platform} ${t.kind}: ${t.before.length} statements before the reply, ${t.after.length} after, reply ${t.replyBytes} bytes`);
  if (templates.length !== KINDS.length * 2) throw new Error(`capture found ${templates.length} of ${KINDS.length * 2} commands`);
  return { askers, templates };
}

function replyBytes(connector: FakeConnector, id: string): number | undefined {
  const call = connector.calls.find((c) => c.kind === 'reply' && c.activityId === id);
  return call ? Buffer.byteLength(JSON.stringify(call.body)) : undefined;
}

/** Resolves once the log has not grown for 300 ms. */
async function quiet(file: string): Promise<void> {
  let size = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = fs.statSync(file).size;
    if (now === size) return;
    size = now;
  }
}

interface Answer {
  id: string;
  extraIds: string[];
  status: number;
  answer: string;
  bytes?: number;
}

function cut(log: string, answers: Map<string, Answer>): Template[] {
  const out: Template[] = [];
  let current: Template | undefined;
  let replied = false;
  for (const line of log.split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { mark?: { start?: string; end?: string; reply?: string } } & Statement;
    if (entry.mark?.start) {
      const [platform, kind] = entry.mark.start.split(':') as [Platform, Kind];
      current = { platform, kind, requestId: '', extraIds: [], before: [], after: [], status: 0, answer: '', replyBytes: 0 };
      replied = false;
    } else if (entry.mark?.reply) {
      replied = true;
    } else if (entry.mark?.end) {
      if (current) out.push(current);
      current = undefined;
    } else if (current) {
      (replied ? current.after : current.before).push({ query: entry.query, parameters: entry.parameters });
    }
  }
  // The answers map is filled after each request's end mark is written: filled in here.
  return out.map((t) => {
    const a = answers.get(`${t.platform}:${t.kind}`)!;
    return { ...t, requestId: a.id, extraIds: a.extraIds, status: a.status, answer: a.answer, replyBytes: a.bytes ?? 0 };
  });
}
