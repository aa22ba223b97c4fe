// A stand-in for the Bot Framework connector (Teams' side of the REST API) on 127.0.0.1: it
// records what the bot sends, answers roster look-ups, and can be told to fail for fault tests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  kind: 'send' | 'reply' | 'update' | 'create' | 'member' | 'other';
  conversationId?: string;
  activityId?: string;
  body: any;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities (with a trailing slash, as Teams sends it). */
  url: string;
  calls: RecordedCall[];
  /** Roster entries answered by GET …/members/:id (keyed by the Teams user id `from.id`). */
  members: Map<string, Record<string, unknown>>;
  /** The next calls that write (send/reply/update/create) answer with these, in order. */
  failNext(...faults: Fault[]): void;
  /** Holds every answer to a write until the returned function is called. */
  hold(): () => void;
  /** Called with each call as it arrives (the bench times replies with it). */
  onCall(listener: (c: RecordedCall) => void): void;
  /** Waits until `count` calls match, or throws after `timeoutMs`. */
  waitFor(predicate: (c: RecordedCall) => boolean, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const faults: Fault[] = [];
  const listeners: ((c: RecordedCall) => void)[] = [];
  let held: Promise<void> | undefined;
  let nextId = 1;

  const server = http.createServer((req, res) => {
    void read(req).then(async (raw) => {
      const writes = req.method === 'POST' || req.method === 'PUT';
      if (writes && held) await held;
      answer(req, res, raw);
    });
  });

  function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = raw ? safeJson(raw) : undefined;
    const m = path.match(/^\/v3\/conversations(?:\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?)?\/?$/);
    const conversationId = m?.[1] ? decodeURIComponent(m[1]) : undefined;
    const sub = m?.[2];
    const tail = m?.[3] ? decodeURIComponent(m[3]) : undefined;
    let kind: RecordedCall['kind'] = 'other';
    if (m && req.method === 'POST' && !conversationId) kind = 'create';
    else if (m && req.method === 'POST' && sub === 'activities') kind = tail ? 'reply' : 'send';
    else if (m && req.method === 'PUT' && sub === 'activities' && tail) kind = 'update';
    else if (m && req.method === 'GET' && sub === 'members') kind = 'member';
    const call: RecordedCall = { method: req.method ?? '', path, kind, conversationId, activityId: tail, body };
    calls.push(call);
    for (const l of listeners) l(call);

    if (kind !== 'member' && kind !== 'other' && faults.length) {
      const fault = faults.shift()!;
      reply(res, fault.status, { error: { code: 'Fault', message: 'injected' } }, fault.headers);
      return;
    }
    switch (kind) {
      case 'create':
        reply(res, 201, { id: `a:private-${nextId++}` });
        return;
      case 'send':
      case 'reply':
        reply(res, 200, { id: `msg-${nextId++}` });
        return;
      case 'update':
        reply(res, 200, { id: tail });
        return;
      case 'member': {
        const member = tail ? members.get(tail) : undefined;
        if (tail && !member) reply(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
        else reply(res, 200, tail ? member : [...members.values()]);
        return;
      }
      default:
        reply(res, 404, { error: { code: 'NotFound', message: 'not faked' } });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    members,
    failNext: (...f) => faults.push(...f),
    hold() {
      let release!: () => void;
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = undefined;
        release();
      };
    },
    onCall: (listener) => void listeners.push(listener),
    async waitFor(predicate, count = 1, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter(predicate);
        if (found.length >= count) return found;
        if (Date.now() > until) throw new Error(`fake connector: expected ${count} matching call(s), saw ${found.length} (of ${calls.length})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
