// Bolt on our own HTTP server: a Receiver whose route is registered like any other, so Slack and
// Teams share one port, one health check and one shutdown (see docs/adr/0005). It verifies the
// signature on the raw body, acks well inside Slack's 3 seconds, and drops Events API retries.
import type { ServerResponse } from 'node:http';
import { verifySlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { sendJson, type HttpRequest, type Route } from '../../server.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** If no listener has acked by now, ack empty: Slack gives up at 3 seconds. */
export const ACK_DEADLINE_MS = 2_500;

export class SharedServerReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly signingSecret: string,
    private readonly log: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  // The shared server owns the port: nothing to start.
  async start(): Promise<void> {}

  /** Waits (a bounded time) for work still running after its ack, so the store closes last. */
  async stop(): Promise<void> {
    const pending = Promise.allSettled([...this.inFlight]);
    await Promise.race([pending, new Promise((r) => setTimeout(r, 10_000).unref())]);
  }

  route(): Route {
    return { method: 'POST', path: SLACK_EVENTS_PATH, handler: (req, res) => this.handle(req, res) };
  }

  private async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const log = this.log.child({ correlationId: req.correlationId });
    const raw = req.rawBody.toString('utf8');
    if (!this.verify(req, raw)) {
      log.warn({ code: 'SLACK_BAD_SIGNATURE' }, 'slack request refused');
      res.writeHead(401).end();
      return;
    }
    const body = parseBody(raw, header(req, 'content-type'));
    if (!body) {
      res.writeHead(400).end();
      return;
    }
    if (body.ssl_check === '1') {
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: String(body.challenge ?? '') });
      return;
    }
    const retryNum = Number(header(req, 'x-slack-retry-num')) || undefined;
    if (retryNum && body.type === 'event_callback') {
      // The first delivery was received and is being handled: a retry must not run it again.
      log.info({ code: 'SLACK_EVENT_RETRY_IGNORED', retryNum }, 'slack retry acked');
      res.writeHead(200).end();
      return;
    }
    const work = this.dispatch(body, res, { retryNum, retryReason: header(req, 'x-slack-retry-reason'), correlationId: req.correlationId }, log);
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private async dispatch(body: Record<string, any>, res: ServerResponse, meta: { retryNum?: number; retryReason?: string; correlationId: string }, log: Logger): Promise<void> {
    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      if (response === undefined || response === null || response === '') res.writeHead(200).end();
      else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      else sendJson(res, 200, response);
    };
    const timer = setTimeout(() => {
      log.warn({ code: 'SLACK_ACK_LATE', kind: body.type ?? 'command' }, 'slack request acked by deadline');
      void ack();
    }, ACK_DEADLINE_MS);
    // The listeners read the server's correlation id from Bolt's context.
    const event: ReceiverEvent = { body, ack, retryNum: meta.retryNum, retryReason: meta.retryReason, customProperties: { correlationId: meta.correlationId } };
    try {
      if (!this.app) throw new Error('receiver not initialised');
      await this.app.processEvent(event);
      await ack(); // no listener matched: still answer Slack
    } catch (err) {
      log.error({ code: (err as { code?: string }).code ?? 'SLACK_DISPATCH_FAILED', type: (err as Error)?.name }, 'slack request failed');
      if (!acked) {
        acked = true;
        clearTimeout(timer);
        sendJson(res, 500, { error: 'INTERNAL' });
      }
    }
  }

  private verify(req: HttpRequest, raw: string): boolean {
    try {
      verifySlackRequest({
        signingSecret: this.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': header(req, 'x-slack-signature') ?? '', 'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')) },
      });
      return true;
    } catch {
      return false;
    }
  }
}

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Slash commands arrive as a form, interactions as a form with a JSON `payload`, events as JSON. */
export function parseBody(raw: string, contentType: string | undefined): Record<string, any> | null {
  try {
    if (contentType?.includes('application/json')) {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, any>) : null;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') {
      const parsed: unknown = JSON.parse(form.payload);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, any>) : null;
    }
    return form;
  } catch {
    return null;
  }
}
