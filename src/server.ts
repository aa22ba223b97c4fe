// One HTTP server for everything: health, the Slack endpoint, the Teams endpoint. Routes are
// registered in one place (src/app.ts); a handler that throws gets a 500, never a dead process.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { logger } from './log.js';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  correlationId: string;
  raw: IncomingMessage;
}

export type Handler = (req: HttpRequest, res: ServerResponse) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Matches every path under `path` (which ends in /): the answer page's /respond/<token>. */
  prefix?: boolean;
  handler: Handler;
  /** Still served while the server drains (GET /healthz, which then says 503). */
  whileDraining?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Shutdown, step one: from now on every new request but a `whileDraining` route gets 503
   * SHUTTING_DOWN with `connection: close` (the load balancer, told by /healthz, sends it
   * elsewhere), while requests already being handled run to their answer.
   */
  drain(): void;
  /** Resolves when no request is being handled. */
  idle(): Promise<void>;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startServer(opts: { port: number; host?: string; routes: Route[] }): Promise<RunningServer> {
  const table = new Map(opts.routes.filter((r) => !r.prefix).map((r) => [`${r.method} ${r.path}`, r]));
  const prefixes = opts.routes.filter((r) => r.prefix);
  const state: ServerState = { draining: false, inFlight: 0, onIdle: [] };
  const server = http.createServer((req, res) => {
    state.inFlight++;
    // 'close' fires once the answer is sent or the client went away: either way it is no longer ours.
    res.once('close', () => {
      state.inFlight--;
      if (state.inFlight === 0) for (const resolve of state.onIdle.splice(0)) resolve();
    });
    void handle(table, prefixes, state, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    // Idle keep-alive connections stay open: closing them now races a client about to reuse one.
    // Their next answer says `connection: close`, and close() ends whatever is left.
    drain: () => {
      state.draining = true;
    },
    idle: () => (state.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => state.onIdle.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface ServerState {
  draining: boolean;
  inFlight: number;
  onIdle: (() => void)[];
}

async function handle(table: Map<string, Route>, prefixes: Route[], state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const correlationId = headerValue(req.headers['x-correlation-id']) ?? randomUUID();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const log = logger().child({ correlationId });
  try {
    const under = prefixes.filter((r) => url.pathname.startsWith(r.path));
    const route = table.get(`${req.method} ${url.pathname}`) ?? under.find((r) => r.method === req.method);
    // Keep-alive connections are not reused once draining: each answer closes its connection.
    if (state.draining) res.setHeader('connection', 'close');
    if (state.draining && !route?.whileDraining) {
      res.setHeader('retry-after', '1');
      sendJson(res, 503, { error: 'SHUTTING_DOWN' });
      req.resume();
      return;
    }
    const handler = route?.handler;
    if (!handler) {
      const known = under.length > 0 || [...table.keys()].some((k) => k.endsWith(` ${url.pathname}`));
      sendJson(res, known ? 405 : 404, { error: known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND' });
      req.resume();
      return;
    }
    const rawBody = await readBody(req);
    if (rawBody === null) {
      refuseTooLarge(req, res);
      return;
    }
    await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, correlationId, raw: req }, res);
  } catch (err) {
    log.error({ err: { code: (err as { code?: string }).code, type: (err as Error)?.name } , path: url.pathname }, 'request failed');
    sendJson(res, 500, { error: 'INTERNAL', correlationId });
  }
}

/**
 * The body, or null as soon as it is over the limit (by its declared length, or while it streams):
 * what is left is never read, so a huge body costs no more than the limit.
 */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) {
        chunks.push(chunk);
        return;
      }
      done();
      req.pause();
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Time a refused client gets to read the 413 before the connection is cut (see refuseTooLarge). */
const LINGER_MS = 1_000;

/**
 * 413, then the connection closes: the rest of the body is never read. Closing at once could reset
 * the connection before the client has read the answer, so it gets a moment while unread bytes
 * wait in the socket (the paused request stops the client sending more).
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, { error: 'BODY_TOO_LARGE', message: `Request bodies are limited to ${MAX_BODY} bytes.` });
  res.once('finish', () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref());
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^[A-Za-z0-9._:-]{1,100}$/.test(s) ? s : undefined;
}
