// One Teams request, from our node:http server to the turn: parse and validate the activity (zod,
// activity-schema.ts), refuse what local mode must not take, authenticate (bounded in time), refuse
// other tenants, then run the turn. A message activity is answered 200 once all that has passed and
// its turn runs after: the reply goes out through the connector (docs/adr/0007). An invoke waits:
// its answer is the turn's result. Every refusal is one log line with a code, and a 4xx or a 503.
import type { ServerResponse } from 'node:http';
import { ActivityTypes, DeliveryModes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { sendJson, type HttpRequest } from '../../server.js';
import type { QuorumTeamsAdapter } from './adapter.js';
import { parseTeamsActivity, type TeamsActivity } from './activity-schema.js';
import { checkLocalRequest, checkTenant, type Refusal } from './request-gate.js';

export interface BridgeOptions {
  localMode: boolean;
  allowedTenants: ReadonlySet<string>;
  log: Logger;
}

export async function processTeamsRequest(adapter: QuorumTeamsAdapter, req: HttpRequest, res: ServerResponse, logic: (context: TurnContext) => Promise<void>, opts: BridgeOptions): Promise<void> {
  const { log } = opts;
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return refuse(res, log, { status: 400, code: 'BAD_JSON', message: 'The body must be a Bot Framework activity in JSON.' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(res, log, { status: 400, code: 'BAD_ACTIVITY', message: 'The body must be a Bot Framework activity object.' });
  }
  const parsed = parseTeamsActivity(body);
  if (parsed.kind === 'invalid') {
    return refuse(res, log, { status: 400, code: parsed.code, message: 'That is not a Teams activity Quorum understands.' }, { field: parsed.field });
  }
  const activity = parsed.activity;
  const local = opts.localMode ? checkLocalRequest(req, activity) : null;
  if (local) return refuse(res, log, local);

  const auth = await adapter.authenticate(toBotFramework(activity), headerValue(req.headers.authorization));
  if (!auth.ok) return refuse(res, log, { status: auth.status, code: auth.code, message: '' }, { activityType: activity.type });
  const tenant = checkTenant(activity, opts.allowedTenants);
  if (tenant) return refuse(res, log, tenant, { activityType: activity.type });
  if (!parsed.runsTurn) return sendJson(res, 200, {});

  // A fresh copy for the turn: botbuilder sets fields on the activity it is given.
  const turnActivity = toBotFramework(activity);
  if (answersEarly(turnActivity)) {
    sendJson(res, 200, {});
    await runLogged(() => adapter.runTurn(auth.result, turnActivity, logic), log);
    return;
  }
  const response = await runLogged(() => adapter.runTurn(auth.result, turnActivity, logic), log);
  if (response === 'failed') return sendJson(res, 500, { error: 'INTERNAL' });
  // CloudAdapter answers 501 to an invoke nothing handled (an unknown verb): the caller's mistake.
  const status = response?.status === 501 ? 400 : (response?.status ?? 200);
  sendJson(res, status, status < 400 ? (response?.body ?? {}) : { error: 'UNHANDLED_ACTIVITY' });
}

export function answersEarly(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message && activity.deliveryMode !== DeliveryModes.ExpectReplies;
}

/** The validated activity as botbuilder expects it (dates parsed, as CloudAdapter.process would). */
function toBotFramework(activity: TeamsActivity): Partial<Activity> {
  const copy = structuredClone(activity) as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp'] as const) {
    const raw = activity[field];
    if (raw === undefined) continue;
    const at = new Date(raw);
    copy[field] = Number.isNaN(at.getTime()) ? undefined : at;
    copy[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = raw;
  }
  return copy as Partial<Activity>;
}

async function runLogged<T>(work: () => Promise<T>, log: Logger): Promise<T | 'failed'> {
  try {
    return await work();
  } catch (err) {
    // Handler errors are caught in the turn (app.ts); this is the SDK failing around it.
    log.error({ code: (err as { code?: string }).code ?? 'TEAMS_TURN_FAILED', type: (err as Error)?.name }, 'teams turn failed');
    return 'failed';
  }
}

function refuse(res: ServerResponse, log: Logger, r: Refusal, extra: Record<string, string> = {}): void {
  log.warn({ event: 'teams_request_refused', code: r.code, status: r.status, ...extra }, 'teams request refused');
  sendJson(res, r.status, r.message ? { error: r.code, message: r.message } : { error: r.code });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
