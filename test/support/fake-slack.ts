// A local stand-in for the Slack Web API (point SLACK_API_URL at `apiUrl`) and for response_urls
// (`responseUrl(id)`). It records every call, answers like Slack does, and can be told to fail the
// next call of a method (429 with Retry-After, 500, or a platform error) for fault tests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  token?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
}

export type Fault = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface FakeSlack {
  url: string;
  /** Base URL for SLACK_API_URL (ends with /api/). */
  apiUrl: string;
  calls: SlackCall[];
  responses: ResponseUrlPost[];
  responseUrl(id: string): string;
  /** Emails users.info returns, by Slack user id (absent: user_not_found). */
  emails: Map<string, string | null>;
  /** Users whose email users.info says is not confirmed (is_email_confirmed: false). */
  unconfirmed: Set<string>;
  /** users.lookupByEmail's team_id for a user (absent: the bot token's own). */
  lookupTeams: Map<string, string>;
  /** What auth.test answers: the bot token's workspace (and Enterprise Grid org). */
  auth: { team_id?: string; enterprise_id?: string };
  failNext(method: string, fault: Fault): void;
  callsTo(method: string): SlackCall[];
  /** Resolves when `count` calls/posts match, or rejects after `timeoutMs`. */
  waitFor<T>(pick: () => T[], count?: number, timeoutMs?: number): Promise<T[]>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const emails = new Map<string, string | null>();
  const unconfirmed = new Set<string>();
  const lookupTeams = new Map<string, string>();
  const auth: FakeSlack['auth'] = { team_id: 'T0TEST' };
  const faults = new Map<string, Fault[]>();
  let ts = 1_700_000_000;
  let viewSeq = 0;

  const server = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/response/')) {
        responses.push({ id: decodeURIComponent(path.slice('/response/'.length)), body: JSON.parse(raw || '{}') });
        return send(res, 200, { ok: true });
      }
      if (!path.startsWith('/api/')) return send(res, 404, { ok: false, error: 'unknown_path' });
      const method = path.slice('/api/'.length);
      const args = parseArgs(raw, req.headers['content-type']);
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || undefined;
      calls.push({ method, args, token });
      const fault = faults.get(method)?.shift();
      if (fault) {
        if ('status' in fault && fault.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
        if ('status' in fault) return send(res, fault.status, 'upstream error');
        return send(res, 200, { ok: false, error: fault.error });
      }
      return send(res, 200, answer(method, args));
    });
  });

  function answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: channelFor(String(args.channel)), ts: `${++ts}.000100`, message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${String(++viewSeq).padStart(8, '0')}`, hash: `h${viewSeq}` } };
      case 'users.info': {
        const user = String(args.user);
        if (!emails.has(user)) return { ok: false, error: 'user_not_found' };
        const email = emails.get(user);
        return { ok: true, user: { id: user, team_id: lookupTeams.get(user) ?? auth.team_id, is_email_confirmed: !unconfirmed.has(user), profile: email ? { email } : {} } };
      }
      case 'users.lookupByEmail': {
        const email = String(args.email).toLowerCase();
        const user = [...emails].find(([, e]) => e?.toLowerCase() === email)?.[0];
        if (!user) return { ok: false, error: 'users_not_found' };
        return { ok: true, user: { id: user, team_id: lookupTeams.get(user) ?? auth.team_id, is_email_confirmed: !unconfirmed.has(user), profile: { email: emails.get(user) } } };
      }
      case 'auth.test':
        return { ok: true, user_id: 'UQUORUMBOT', bot_id: 'BQUORUM', ...auth };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    emails,
    unconfirmed,
    lookupTeams,
    auth,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    failNext: (method, fault) => faults.set(method, [...(faults.get(method) ?? []), fault]),
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor: async (pick, count = 1, timeoutMs = 5_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = pick();
        if (found.length >= count) return found;
        if (Date.now() > until) throw new Error(`fake Slack: expected ${count}, saw ${found.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      faults.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A DM to a user id is delivered in the app's DM channel, as Slack does. */
function channelFor(channel: string): string {
  return channel.startsWith('U') || channel.startsWith('W') ? `D${channel.slice(1)}` : channel;
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}');
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
