// Hands a request from our node:http server to CloudAdapter.process, which expects an Express-like
// request (parsed body) and response (status/header/send/end). Nothing else depends on Express.
// A message activity is answered 200 as soon as Bot Framework authentication has passed, and its
// turn runs after: the reply goes out through the connector either way (see docs/adr/0007).
import type { ServerResponse } from 'node:http';
import { ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { sendJson, type HttpRequest } from '../../server.js';

export async function processTeamsRequest(adapter: TeamsAdapter, req: HttpRequest, res: ServerResponse, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'BAD_JSON', message: 'The body must be a Bot Framework activity in JSON.' });
    return;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    sendJson(res, 400, { error: 'BAD_ACTIVITY', message: 'The body must be a Bot Framework activity object.' });
    return;
  }
  const shim = responseShim(res);
  const run = async (context: TurnContext) => {
    // CloudAdapter calls this only once the request is authenticated. An invoke's answer carries
    // the card, and expectReplies returns replies in the body: those two wait for the turn.
    if (answersEarly(context.activity)) shim.status(200).end();
    await logic(context);
  };
  try {
    await adapter.process({ body: body as Record<string, unknown>, headers: req.headers, method: req.method }, shim, run);
  } catch (err) {
    // The adapter throws before its own try for an activity it cannot parse.
    log.warn({ code: 'BAD_ACTIVITY', type: (err as Error)?.name }, 'teams activity rejected');
    sendJson(res, 400, { error: 'BAD_ACTIVITY', message: 'That is not a Bot Framework activity.' });
    return;
  }
  shim.end();
}

export function answersEarly(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && activity.deliveryMode !== DeliveryModes.ExpectReplies;
}

function responseShim(res: ServerResponse) {
  let status = 200;
  const headers: Record<string, string> = {};
  let payload: Buffer | undefined;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: string) {
      headers[name.toLowerCase()] = String(value);
      return this;
    },
    send(body: unknown) {
      if (body === undefined || body === null) return this;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        payload = Buffer.from(body);
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else {
        payload = Buffer.from(JSON.stringify(body));
        headers['content-type'] = 'application/json; charset=utf-8';
      }
      return this;
    },
    end() {
      if (res.headersSent || res.writableEnded) return this;
      // CloudAdapter answers 501 to an invoke nothing handled (no name, unknown verb): that is the
      // caller's mistake, so a 400; a 5xx would say the bot is broken.
      if (status === 501) status = 400;
      // CloudAdapter echoes an auth or internal error's message in the body: send the status only.
      const body = status >= 400 ? undefined : payload;
      res.writeHead(status, { ...headers, ...(body ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'content-length': body ? body.length : 2 });
      res.end(body ?? '{}');
      return this;
    },
  };
}
