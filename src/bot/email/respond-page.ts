// The answer page, QUORUM_PUBLIC_URL/respond/<token>: the invitation the signed token names, the
// person's answer and report, and forms to change them. GET never changes anything (mail scanners
// open every link); only a POST with the CSRF value bound to the token and to a SameSite=Strict
// cookie does, through the same core operations as a card click (audit, re-planning, "now
// quorate"). A bad, expired or withdrawn link gets a page that says what to do and no case details.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRequest, Route } from '../../server.js';
import type { Executor } from '../../store/db.js';
import { loadInvitationLink, type InvitationLink } from '../../store/invitation-links.js';
import { revokeCalendarFeed, runAction, submitForm, viewInvitation } from '../core/index.js';
import type { CoreDeps, CoreReply, RequestContext, View } from '../core/types.js';
import { renderInline, sendPage, sendProblem } from './page.js';
import { REPORT_GRACE_MS, sameValue, type LinkSigner } from './tokens.js';

/** What every route behind a signed link needs: the answer page and the calendar feed. */
export interface LinkRouteOptions {
  core: CoreDeps;
  db: Executor;
  signer: LinkSigner;
  log: Logger;
  now?: () => Date;
}

export interface RespondPageOptions extends LinkRouteOptions {
  /** Cookies get `Secure` when the public address is https. */
  secureCookies: boolean;
}

const PREFIX = '/respond/';
const COOKIE = 'quorum_csrf';
const MAX_FORM = 10_000;
const ANSWERS = { attending: 'attend', report_only: 'report_only', declined: 'decline' } as const;

const BROKEN = ['This link does not work. It may have been copied wrongly.', 'Open the link from your most recent Quorum email, or contact the conference admin for the case.'];

export function respondRoutes(opts: RespondPageOptions): Route[] {
  return [
    { method: 'GET', path: PREFIX, prefix: true, handler: (req, res) => showPage(opts, req, res) },
    { method: 'POST', path: PREFIX, prefix: true, handler: (req, res) => takeAnswer(opts, req, res) },
  ];
}

type Opened = { ok: true; raw: string; link: InvitationLink; now: Date } | { ok: false };

/** The token checked, then the invitation it names checked afresh against the store. */
async function open(opts: RespondPageOptions, req: HttpRequest, res: ServerResponse): Promise<Opened> {
  const raw = req.path.slice(PREFIX.length);
  const now = (opts.now ?? (() => new Date()))();
  const check = opts.signer.verify(raw, now);
  if (!check.ok || check.token.k !== 'respond') {
    const code = check.ok ? 'TOKEN_WRONG_KIND' : check.code;
    opts.log.info({ code, correlationId: req.correlationId }, 'answer page: link refused');
    if (code === 'TOKEN_EXPIRED') sendProblem(res, 410, 'This link has expired', ['Links in Quorum emails stop working when the conference starts (a day later for marking a report submitted).', 'Contact the conference admin for the case if you still need to answer or send your report.']);
    else sendProblem(res, 404, 'This link does not work', BROKEN);
    return { ok: false };
  }
  const link = await loadInvitationLink(opts.db, check.token.i);
  if (!link || link.personId !== check.token.p) {
    sendProblem(res, 404, 'This link does not work', BROKEN);
    return { ok: false };
  }
  if (link.removed || !link.caseOpen) {
    opts.log.info({ code: 'INVITATION_WITHDRAWN', invitationId: link.invitationId }, 'answer page: invitation withdrawn');
    sendProblem(res, 410, 'You are no longer invited', ['Your invitation to this conference was withdrawn, so this link no longer works.', 'Contact the conference admin for the case if you think this is a mistake.']);
    return { ok: false };
  }
  if (link.conferenceStatus === 'cancelled') {
    sendProblem(res, 410, 'This conference was cancelled', ['The conference this link was for has been cancelled. You will get a new invitation if it is rebooked.']);
    return { ok: false };
  }
  return { ok: true, raw, link, now };
}

function contextFor(link: InvitationLink, req: HttpRequest, now: Date): RequestContext {
  return { user: { platform: 'web', workspaceId: 'web', userId: String(link.personId) }, correlationId: req.correlationId, now };
}

async function showPage(opts: RespondPageOptions, req: HttpRequest, res: ServerResponse): Promise<void> {
  const opened = await open(opts, req, res);
  if (!opened.ok) return;
  const done = req.query.get('done');
  await render(opts, req, res, opened, 200, done === 'answer' ? 'Thank you: your answer is recorded.' : done === 'report' ? 'Thank you: your report is marked as submitted.' : done === 'feed' ? 'Your calendar link is stopped. Your next Quorum email has a new one.' : undefined);
}

async function render(opts: RespondPageOptions, req: HttpRequest, res: ServerResponse, o: Extract<Opened, { ok: true }>, status: number, done?: string, error?: { message: string; field: string }, deputy?: string): Promise<void> {
  const reply = await viewInvitation(opts.core, contextFor(o.link, req, o.now), o.link.caseRef, o.link.conferenceKey);
  if (!reply.view || reply.error) {
    sendProblem(res, reply.error?.code === 'UNAVAILABLE' ? 503 : 404, 'This link does not work', BROKEN);
    return;
  }
  // A fresh CSRF pair each time the page is shown: the cookie's nonce, and the form's value bound to it and to this link.
  const nonce = randomBytes(16).toString('base64url');
  const cookie = `${COOKIE}=${nonce}; Path=${PREFIX}; HttpOnly; SameSite=Strict; Max-Age=7200${opts.secureCookies ? '; Secure' : ''}`;
  const link = await loadInvitationLink(opts.db, o.link.invitationId);
  const start = o.link.scheduledAt.getTime();
  sendPage(
    res,
    status,
    'respond.njk',
    {
      title: `${o.link.caseRef}: your invitation`,
      ...fromView(reply.view),
      action: `${PREFIX}${o.raw}`,
      csrf: opts.signer.derive('csrf', o.raw, nonce),
      response: link?.response,
      deputy: deputy ?? link?.deputy ?? '',
      agency: o.link.agency,
      answersOpen: o.now.getTime() < start,
      reportOpen: !link?.reportSubmitted && o.now.getTime() < start + REPORT_GRACE_MS,
      done,
      error,
    },
    { 'set-cookie': cookie },
  );
}

/** The attendance card's blocks as the page's heading, summary rows, paragraphs and deadlines. */
function fromView(view: View) {
  const heading = view.blocks.find((b) => b.type === 'header');
  const rows = view.blocks.flatMap((b) => (b.type === 'fields' ? b.fields.map((f) => ({ key: { text: f.label }, value: { text: f.value } })) : []));
  const paragraphs = view.blocks.flatMap((b) => (b.type === 'text' ? [renderInline(b.text)] : []));
  const deadlines = view.blocks.flatMap((b) => (b.type === 'list' ? b.items.map(renderInline) : []));
  return { heading: heading && 'text' in heading ? heading.text : '', rows, paragraphs, deadlines };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function takeAnswer(opts: RespondPageOptions, req: HttpRequest, res: ServerResponse): Promise<void> {
  if (req.rawBody.length > MAX_FORM) {
    sendProblem(res, 413, 'That was too much to send', ['Go back to the page and try again.']);
    return;
  }
  const opened = await open(opts, req, res);
  if (!opened.ok) return;
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const nonce = cookieValue(req.headers.cookie, COOKIE);
  const csrf = form.get('csrf') ?? '';
  if (!nonce || !sameValue(csrf, opts.signer.derive('csrf', opened.raw, nonce))) {
    opts.log.info({ code: 'CSRF_REFUSED', invitationId: opened.link.invitationId }, 'answer page: form refused');
    sendProblem(res, 403, 'Please try again', ['For your security, the form has to be sent from the page itself, within two hours of opening it.', 'Open the link from your email again and resend your answer.']);
    return;
  }
  const { link, now } = opened;
  const ctx = contextFor(link, req, now);
  const payload = { c: link.caseRef, f: link.conferenceKey };
  const what = form.get('do');
  let reply: CoreReply;
  let done: 'answer' | 'report' | 'feed';
  if (what === 'answer') {
    if (now >= link.scheduledAt) return render(opts, req, res, opened, 400, undefined, { message: 'Answers are closed: the conference has started.', field: 'answer' });
    const answer = form.get('answer') ?? '';
    if (answer === 'deputy') {
      const deputy = (form.get('deputy') ?? '').trim().slice(0, 200);
      if (deputy.length < 2 || deputy.length > 120) return render(opts, req, res, opened, 400, undefined, { message: "Give your colleague's name and role (2 to 120 characters).", field: 'deputy' }, deputy);
      reply = await submitForm(opts.core, ctx, 'deputy', { a: 'deputy', ...payload }, { deputy });
    } else if (answer in ANSWERS) {
      reply = await runAction(opts.core, ctx, { a: ANSWERS[answer as keyof typeof ANSWERS], ...payload });
    } else {
      return render(opts, req, res, opened, 400, undefined, { message: 'Choose whether you will attend.', field: 'answer-1' });
    }
    done = 'answer';
  } else if (what === 'revoke_feed') {
    reply = await revokeCalendarFeed(opts.core, ctx);
    done = 'feed';
  } else if (what === 'report_submitted') {
    reply = await runAction(opts.core, ctx, { a: 'report_submitted', ...payload });
    done = 'report';
  } else {
    return render(opts, req, res, opened, 400, undefined, { message: 'Choose what to send.', field: 'answer-1' });
  }
  if (reply.error) return render(opts, req, res, opened, reply.error.code === 'UNAVAILABLE' ? 503 : 400, undefined, { message: reply.error.message, field: 'answer-1' });
  // Post/redirect/get: a reload shows the page, it does not send the answer again.
  res.writeHead(303, { location: `${PREFIX}${opened.raw}?done=${done}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}
