// Bolt on our own HTTP server: a Receiver whose route is registered like any other, so Slack and
// Teams share one port, one health check and one shutdown (see docs/adr/0005). It verifies the
// signature and the timestamp on the raw body, validates the payload (src/bot/slack/payloads.ts),
// refuses workspaces that are not connected, acks well inside Slack's 3 seconds, and drops Events
// API retries. Only a valid request from a connected workspace reaches Bolt.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { sendJson, type HttpRequest, type Route } from '../../server.js';
import type { SlackRequester } from './context.js';
import { readableCommandText, readSlackRequest, COMMAND_TEXT_MAX, type SlackRequest } from './payloads.js';
import { renderMessageModal } from './render/modal.js';
import { postResponseUrl } from './reply.js';
import { NOT_CONNECTED_MESSAGE, type SlackWorkspaces } from './workspaces.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** If no listener has acked by now, ack empty: Slack gives up at 3 seconds. */
export const ACK_DEADLINE_MS = 2_500;
/** Slack's replay window: a request dated further from now, either way, is refused. */
export const TIMESTAMP_WINDOW_S = 5 * 60;

export const UNREADABLE_COMMAND_MESSAGE = `I could not read that: a command can be at most ${COMMAND_TEXT_MAX.toLocaleString('en-GB')} characters, with no control characters. Nothing was recorded.`;

export interface ReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Our slash command, e.g. /cp. */
  command: string;
  /** Where a payload's response_url may point. */
  responseOrigins: readonly string[];
  workspaces: SlackWorkspaces;
}

type Admitted = Extract<SlackRequest, { requester: unknown }>;

export class SharedServerReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  private readonly log: Logger;

  constructor(private readonly opts: ReceiverOptions) {
    this.log = opts.log;
  }

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

  /** Resolves once no request is still being worked on after its ack (tests wait on it). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  route(): Route {
    return { method: 'POST', path: SLACK_EVENTS_PATH, handler: (req, res) => this.handle(req, res) };
  }

  private async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const log = this.log.child({ correlationId: req.correlationId });
    const refused = this.verify(req);
    if (refused) {
      log.warn({ code: refused }, 'slack request refused');
      res.writeHead(401).end();
      return;
    }
    const request = readSlackRequest(req.rawBody.toString('utf8'), header(req, 'content-type'), this.opts);
    switch (request.kind) {
      case 'malformed':
        log.warn({ code: 'SLACK_MALFORMED_PAYLOAD' }, 'slack request refused');
        res.writeHead(400).end();
        return;
      case 'ssl_check':
      case 'ignored':
        res.writeHead(200).end();
        return;
      case 'url_verification':
        sendJson(res, 200, { challenge: request.challenge });
        return;
    }
    const retryNum = Number(header(req, 'x-slack-retry-num')) || undefined;
    if (retryNum && request.kind === 'home') {
      // The first delivery was received and is being handled: a retry must not run it again.
      log.info({ code: 'SLACK_EVENT_RETRY_IGNORED', retryNum }, 'slack retry acked');
      res.writeHead(200).end();
      return;
    }
    if (!this.opts.workspaces.admits(request.requester.teams)) {
      log.warn({ code: 'SLACK_WORKSPACE_NOT_CONNECTED', kind: request.kind, team: request.requester.workspaceId }, 'slack request refused');
      await this.track(this.refuse(request, res, log));
      return;
    }
    if (request.kind === 'command' && !readableCommandText(request.body.text)) {
      log.info({ code: 'SLACK_COMMAND_UNREADABLE' }, 'slack command refused');
      sendJson(res, 200, { response_type: 'ephemeral', text: UNREADABLE_COMMAND_MESSAGE });
      return;
    }
    const requester: SlackRequester = { userId: request.requester.userId, workspaceId: request.requester.workspaceId, homeWorkspace: this.opts.workspaces.isHome(request.requester.workspaceId) };
    await this.track(this.dispatch(request.body, res, { retryNum, retryReason: header(req, 'x-slack-retry-reason'), correlationId: req.correlationId, requester }, log));
  }

  private async track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /** The one answer a workspace that is not connected gets: no core call, no write. */
  private async refuse(request: Admitted, res: ServerResponse, log: Logger): Promise<void> {
    const view = { fallback: NOT_CONNECTED_MESSAGE, blocks: [{ type: 'text' as const, text: NOT_CONNECTED_MESSAGE }] };
    switch (request.kind) {
      case 'command':
        sendJson(res, 200, { response_type: 'ephemeral', text: NOT_CONNECTED_MESSAGE });
        return;
      case 'view':
        sendJson(res, 200, { response_action: 'update', view: renderMessageModal('Quorum', view) });
        return;
      case 'action':
        res.writeHead(200).end();
        if (request.body.response_url) await postResponseUrl(request.body.response_url, { response_type: 'ephemeral', replace_original: false, text: NOT_CONNECTED_MESSAGE }, log);
        return;
      case 'home':
        res.writeHead(200).end();
        return;
    }
  }

  private async dispatch(body: Record<string, any>, res: ServerResponse, meta: { retryNum?: number; retryReason?: string; correlationId: string; requester: SlackRequester }, log: Logger): Promise<void> {
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
    // The listeners read the server's correlation id and the validated requester from Bolt's context.
    const event: ReceiverEvent = { body, ack, retryNum: meta.retryNum, retryReason: meta.retryReason, customProperties: { correlationId: meta.correlationId, requester: meta.requester } };
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

  /** Why the request is refused, or undefined when it is Slack's, signed within the window. */
  private verify(req: HttpRequest): string | undefined {
    const timestamp = header(req, 'x-slack-request-timestamp') ?? '';
    // Either way: a request dated in the future could be replayed until then (Bolt's check looks back only).
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_S) return 'SLACK_STALE_TIMESTAMP';
    // Slack's v0 scheme: HMAC-SHA256 of `v0:timestamp:body` (the bytes as sent), compared in constant time.
    const expected = Buffer.from(`v0=${createHmac('sha256', this.opts.signingSecret).update(`v0:${timestamp}:`).update(req.rawBody).digest('hex')}`);
    const given = Buffer.from(header(req, 'x-slack-signature') ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'SLACK_BAD_SIGNATURE';
  }
}

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
