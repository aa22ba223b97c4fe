// The core's entry points: the only functions the Slack and Teams adapters (and the CLI) call.
// Each runs in one transaction: the change, its audit entries, re-planned nudges and the replay
// record commit together or not at all. A refusal or bad input writes nothing.
import { z } from 'zod';
import { logger } from '../../log.js';
import { dbErrorOf } from '../../store/db.js';
import { findReplay, withCaseRepository } from '../../store/repository/index.js';
import { CoreError } from './errors.js';
import type { HandlerContext } from './handler.js';
import { resolvePerson } from './identity.js';
import { runActionFor } from './actions/index.js';
import { ConfirmableError } from './commands/booking-checks.js';
import { viewInvitationFor } from './actions/view-invitation.js';
import { readCalendarFeedFor, revokeCalendarFeedFor } from './actions/calendar-feed.js';
import { runCommandFor } from './commands/index.js';
import { isReadOnlyCommand } from './commands/registry.js';
import { submitFormFor } from './forms/index.js';
import { renderHomeFor } from './home.js';
import { replanCases } from './nudges/replan.js';
import { ACTION_IDS, FORM_IDS, type Action, type ActionPayload, type CoreDeps, type CoreReply, type FormValues, type RequestContext, type View } from './types.js';

export type { CoreDeps, CoreReply, RequestContext, View } from './types.js';
export { createCoreDeps, morningHourOf } from './deps.js';

export const actionPayloadSchema = z
  .object({
    a: z.enum(ACTION_IDS),
    c: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$/),
    f: z.string().min(1).max(80).optional(),
    // Beyond a safe integer it is no row id, and Postgres would refuse it (22003) rather than find nothing.
    n: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    t: z.string().min(1).max(1200).optional(),
  })
  .strip();

export function runCommand(deps: CoreDeps, ctx: RequestContext, text: string): Promise<CoreReply> {
  // A command that only reads (and audits the read) needs no replay record: a retry just reads again.
  const readOnly = isReadOnlyCommand(text);
  return run(deps, readOnly ? { ...ctx, idempotencyKey: undefined } : ctx, (h) => runCommandFor(h, text));
}

export function runAction(deps: CoreDeps, ctx: RequestContext, payload: unknown): Promise<CoreReply> {
  return run(deps, ctx, (h) => runActionFor(h, parsePayload(payload)));
}

export function submitForm(deps: CoreDeps, ctx: RequestContext, formId: string, state: unknown, values: FormValues): Promise<CoreReply> {
  return run(deps, ctx, (h) => {
    if (!(FORM_IDS as readonly string[]).includes(formId)) throw new CoreError('BAD_FORM', 'That form is not one I know.');
    return submitFormFor(h, formId as (typeof FORM_IDS)[number], parsePayload(state), sanitiseValues(values));
  });
}

/**
 * The answer page's read: the person's attendance card for one conference, audited as a read of the
 * invitation. Writes nothing else (a GET of the page changes nothing).
 */
export function viewInvitation(deps: CoreDeps, ctx: RequestContext, caseRef: string, conferenceKey: string): Promise<CoreReply> {
  return run(deps, { ...ctx, idempotencyKey: undefined }, (h) => viewInvitationFor(h, caseRef, conferenceKey));
}

/** The person's conferences across open cases, for their calendar feed; each invitation read is audited. */
export function readCalendarFeed(deps: CoreDeps, ctx: RequestContext): Promise<CoreReply> {
  return run(deps, { ...ctx, idempotencyKey: undefined }, (h) => readCalendarFeedFor(h));
}

/** Stops every calendar feed link of the person (a new one is in their next email). */
export function revokeCalendarFeed(deps: CoreDeps, ctx: RequestContext): Promise<CoreReply> {
  return run(deps, { ...ctx, idempotencyKey: undefined }, (h) => revokeCalendarFeedFor(h));
}

export async function renderHome(deps: CoreDeps, ctx: RequestContext): Promise<View> {
  const reply = await run(deps, ctx, async (h) => ({ view: await renderHomeFor(h) }));
  return reply.view ?? { fallback: reply.error?.message ?? '', blocks: [{ type: 'text', text: reply.error?.message ?? '' }] };
}

function parsePayload(payload: unknown): ActionPayload {
  const raw = typeof payload === 'string' ? safeJson(payload) : payload;
  const parsed = actionPayloadSchema.safeParse(raw);
  if (!parsed.success) throw new CoreError('BAD_ACTION', 'That button is not one I recognise. Run `help` for what I can do.');
  return parsed.data;
}

function safeJson(s: string): unknown {
  try {
    return s.length > 2000 ? null : JSON.parse(s);
  } catch {
    return null;
  }
}

function sanitiseValues(values: FormValues): FormValues {
  const out: FormValues = {};
  if (!values || typeof values !== 'object') return out;
  for (const [k, v] of Object.entries(values).slice(0, 20)) {
    if (typeof v === 'string') out[k] = v.slice(0, 5000);
    else if (typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 20).map((x) => x.slice(0, 200));
  }
  return out;
}

type Work = (h: HandlerContext) => Promise<CoreReply>;

async function run(deps: CoreDeps, ctx: RequestContext, work: Work): Promise<CoreReply> {
  const log = logger().child({ correlationId: ctx.correlationId, platform: ctx.user.platform });
  const key = ctx.idempotencyKey ? ctx.idempotencyKey.slice(0, 300) : undefined;
  try {
    if (key) {
      const replay = await findReplay(deps.store, key, ctx.now);
      if (replay) return replay as CoreReply;
    }
    const source = ctx.user.platform === 'cli' ? 'cli' : 'chat';
    let replanned: number[] = [];
    const { result, wroteOutbox } = await withCaseRepository(deps.store, { correlationId: ctx.correlationId, now: ctx.now, source }, async (repo) => {
      const person = await resolvePerson(repo, ctx.user);
      repo.actAs(`person:${person.id}`);
      const freeText: string[] = [];
      const reply = await work({ repo, deps, req: ctx, person, freeText });
      // Every changed case is planned again before commit: notices ("now quorate") go with the change.
      replanned = repo.changedCaseIds();
      await replanCases(repo, replanned, ctx.now, { morningHour: deps.morningHour ?? 9 });
      // A replay answers as the first reply did, less any free text (a note might name a child).
      if (key) await repo.saveReplay(key, withoutFreeText(reply, freeText));
      return reply;
    });
    if (replanned.length) deps.onReplanned?.(replanned);
    if (wroteOutbox) deps.kick?.();
    return result;
  } catch (err) {
    if (err instanceof CoreError) {
      log.info({ code: err.code }, 'request refused');
      return { error: { code: err.code, message: err.message, field: err.field }, view: errorView(err.message, err instanceof ConfirmableError ? err.actions : []) };
    }
    // A concurrent retry committed first: answer as it did.
    if (key && isUniqueViolation(err)) {
      const replay = await findReplay(deps.store, key, ctx.now).catch(() => undefined);
      if (replay) return replay as CoreReply;
    }
    log.error({ code: dbErrorOf(err).code ?? 'UNEXPECTED', type: (err as Error)?.name }, 'request failed');
    const unavailable = isDatabaseDown(err);
    const message = unavailable ? 'Quorum cannot reach its database just now. Nothing was recorded: please try again shortly.' : 'Something went wrong on our side. Nothing was recorded: please try again.';
    return { error: { code: unavailable ? 'UNAVAILABLE' : 'INTERNAL', message }, view: errorView(message) };
  }
}

/** The reply with every piece of free text the request carried replaced by a placeholder. */
export function withoutFreeText(reply: CoreReply, freeText: readonly string[]): CoreReply {
  const pieces = [...new Set(freeText.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (pieces.length === 0) return reply;
  return JSON.parse(JSON.stringify(reply), (_key, value: unknown) => {
    if (typeof value !== 'string') return value;
    let out = value;
    for (const p of pieces) out = out.split(p).join('(not repeated)');
    return out;
  }) as CoreReply;
}

function errorView(message: string, actions: Action[] = []): View {
  return { fallback: message, blocks: [{ type: 'text', text: message }, ...(actions.length ? [{ type: 'actions' as const, actions }] : [])] };
}

function isUniqueViolation(err: unknown): boolean {
  return dbErrorOf(err).code === '23505';
}

function isDatabaseDown(err: unknown): boolean {
  const code = dbErrorOf(err).code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', '57P01', '57P03'].includes(code);
}
