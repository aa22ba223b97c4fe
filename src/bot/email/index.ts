// Mounts email: the `email` sender (SMTP through nodemailer) for people no chat platform reaches,
// and the pages its links open: the answer page (/respond/<token>), the calendar feed
// (/calendar/<token>.ics) and GOV.UK Frontend's assets.
// Off unless SMTP_URL is set (config.ts checks QUORUM_MAIL_FROM and QUORUM_PUBLIC_URL with it).
import nodemailer, { type Transporter } from 'nodemailer';
import { emailEnabled } from '../../config.js';
import type { AppContext, Mounted } from '../plugin.js';
import { calendarFeedRoute } from './calendar-feed.js';
import { assetRoute } from './page.js';
import { respondRoutes } from './respond-page.js';
import { createEmailSender } from './sender.js';
import { createLinkSigner, generateSecret, type LinkSigner } from './tokens.js';

export interface EmailMountOptions {
  /** A transport of the caller's (tests); else one from SMTP_URL. */
  transport?: Pick<Transporter, 'sendMail' | 'close'>;
  now?: () => Date;
}

export function linkSignerFor(ctx: AppContext): LinkSigner {
  let secret = ctx.config.QUORUM_LINK_SECRET;
  if (!secret) {
    // config.ts refuses this in production; elsewhere links simply stop working at the next start.
    ctx.log.warn({ code: 'LINK_SECRET_GENERATED' }, 'QUORUM_LINK_SECRET is unset: links in emails are signed with a key made for this run and stop working when Quorum restarts');
    secret = generateSecret();
  }
  return createLinkSigner(secret);
}

export async function mountEmail(ctx: AppContext, opts: EmailMountOptions = {}): Promise<Mounted> {
  if (!emailEnabled(ctx.config)) return {};
  const { SMTP_URL, QUORUM_MAIL_FROM: from, QUORUM_PUBLIC_URL: publicUrl } = ctx.config;
  const log = ctx.log.child({ component: 'email' });
  // STARTTLS is used whenever the server offers it (smtp://); smtps:// is TLS from the first byte.
  // Short timeouts: the dispatcher retries, and a claimed nudge should not wait minutes. No pool: a
  // pooled transport re-sends on its own after a 421 and hides the outcome from the outbox.
  const transport = opts.transport ?? nodemailer.createTransport({ url: SMTP_URL!, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  const signer = linkSignerFor(ctx);
  const sender = createEmailSender({ db: ctx.store.db, transport, from: from!, publicUrl: publicUrl!, signer, now: opts.now });
  log.info({ code: 'EMAIL_ON' }, 'Email: on (SMTP), answer page at /respond/…');
  return {
    routes: [
      ...respondRoutes({ core: ctx.core, db: ctx.store.db, signer, secureCookies: publicUrl!.startsWith('https://'), log, now: opts.now }),
      calendarFeedRoute({ core: ctx.core, db: ctx.store.db, signer, from: from!, publicUrl: publicUrl!, log, now: opts.now }),
      assetRoute(),
    ],
    senders: [sender],
    stop: () => transport.close(),
  };
}
