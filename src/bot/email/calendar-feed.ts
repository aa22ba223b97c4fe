// The per-person calendar feed, QUORUM_PUBLIC_URL/calendar/<token>.ics: a secret, revocable
// address (the token names the person and a feed version; revoking bumps the version) that a
// calendar app polls. It lists the person's conferences on open cases and their own deadlines,
// reference and initials only.
import type { ServerResponse } from 'node:http';
import type { HttpRequest, Route } from '../../server.js';
import type { Executor } from '../../store/db.js';
import { calendarFeedVersion, calendarSequences } from '../../store/invitation-links.js';
import { readCalendarFeed } from '../core/index.js';
import { conferenceUid, personalFeed } from './calendar.js';
import type { LinkRouteOptions } from './respond-page.js';
import { formatConferenceSummary } from './summary.js';
import type { LinkSigner } from './tokens.js';

export interface FeedOptions extends LinkRouteOptions {
  from: string;
  publicUrl: string;
}

const PREFIX = '/calendar/';

export async function feedUrl(db: Executor, publicUrl: string, signer: LinkSigner, personId: number): Promise<string | undefined> {
  const v = await calendarFeedVersion(db, personId);
  return v === undefined ? undefined : `${publicUrl.replace(/\/+$/, '')}${PREFIX}${signer.sign({ k: 'feed', p: personId, v })}.ics`;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('This calendar link does not work (it may have been stopped). Your latest Quorum email has a new one.');
}

export function calendarFeedRoute(opts: FeedOptions): Route {
  return {
    method: 'GET',
    path: PREFIX,
    prefix: true,
    handler: async (req: HttpRequest, res: ServerResponse) => {
      const now = (opts.now ?? (() => new Date()))();
      const raw = req.path.slice(PREFIX.length).replace(/\.ics$/, '');
      const check = opts.signer.verify(raw, now);
      if (!check.ok || check.token.k !== 'feed' || (await calendarFeedVersion(opts.db, check.token.p)) !== check.token.v) {
        opts.log.info({ code: 'FEED_REFUSED', correlationId: req.correlationId }, 'calendar feed: link refused');
        return notFound(res);
      }
      const reply = await readCalendarFeed(opts.core, { user: { platform: 'web', workspaceId: 'web', userId: String(check.token.p) }, correlationId: req.correlationId, now });
      if (reply.error || !reply.calendar) return notFound(res);
      const sequences = await calendarSequences(opts.db, reply.calendar.map((e) => e.conferenceId));
      const body = personalFeed(
        reply.calendar
          .filter((e) => e.status === 'scheduled')
          .map((e) => ({
            uid: conferenceUid(e.conferenceId, opts.publicUrl),
            sequence: sequences.get(e.conferenceId) ?? 0,
            start: new Date(e.at),
            summary: formatConferenceSummary(e.type, e.caseRef, e.initials),
            description: `Case ${e.caseRef}. Your invitation emails have the link to answer.`,
          })),
        opts.from,
        now,
        (reply.calendarDeadlines ?? []).map((d) => ({
          uid: `deadline-${d.caseId}-${d.key}${d.conference ? `-${d.conference}` : ''}@${new URL(opts.publicUrl).hostname}`,
          due: d.due,
          summary: d.summary,
          description: d.explanation,
        })),
      );
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}
