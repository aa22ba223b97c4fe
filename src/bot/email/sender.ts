// The `email` ChannelSender: SMTP through nodemailer, for people no chat platform reaches. Each
// message has a plain-text and an HTML body (render.ts), a link to the answer page when it concerns
// the person's invitation, and an iCalendar REQUEST or CANCEL when the conference is booked for
// them, moved, cancelled or withdrawn. SMTP 4xx is retried by the dispatcher with backoff; 5xx on a
// recipient is permanent. The Message-ID is the outbox row's, so a resend after an interruption is
// recognisably the same message.
import type { Transporter } from 'nodemailer';
import { formatConferenceSummary } from './summary.js';
import type { Executor } from '../../store/db.js';
import { caseInitials, caseRefOf, findInvitationLink, type InvitationLink } from '../../store/invitation-links.js';
import { DeliveryError, type ChannelSender, type OutgoingNudge, type Recipient, type SendResult, type View } from '../core/types.js';
import { conferenceInvite, conferenceUid } from './calendar.js';
import { feedUrl } from './calendar-feed.js';
import { renderEmail } from './render.js';
import { REPORT_GRACE_MS, type LinkSigner } from './tokens.js';

export interface EmailSenderOptions {
  db: Executor;
  transport: Pick<Transporter, 'sendMail'>;
  from: string;
  publicUrl: string;
  signer: LinkSigner;
  now?: () => Date;
}

const REQUEST_KINDS = new Set(['invitation', 'conference_moved']);
const CANCEL_KINDS = new Set(['conference_cancelled', 'invitation_withdrawn']);

export function respondUrl(publicUrl: string, signer: LinkSigner, link: InvitationLink): string {
  const token = signer.sign({ k: 'respond', i: link.invitationId, p: link.personId, e: link.scheduledAt.getTime() + REPORT_GRACE_MS });
  return `${publicUrl.replace(/\/+$/, '')}/respond/${token}`;
}

export function createEmailSender(opts: EmailSenderOptions): ChannelSender {
  const host = new URL(opts.publicUrl).hostname;
  return {
    channel: 'email',
    async send(recipient: Recipient, view: View, nudge?: OutgoingNudge): Promise<SendResult> {
      if (!recipient.email) throw new DeliveryError('EMAIL_NO_ADDRESS', { permanent: true });
      const link = nudge?.conferenceId ? await findInvitationLink(opts.db, nudge.conferenceId, recipient.personId) : undefined;
      const live = link && !link.removed && link.conferenceStatus === 'scheduled' && link.caseOpen;
      const caseRef = link?.caseRef ?? (nudge ? await caseRefOf(opts.db, nudge.caseId) : undefined);
      const url = live && !CANCEL_KINDS.has(nudge?.kind ?? '') ? respondUrl(opts.publicUrl, opts.signer, link) : undefined;
      const feed = link ? await feedUrl(opts.db, opts.publicUrl, opts.signer, recipient.personId) : undefined;
      const body = renderEmail(view, { respondUrl: url, feedUrl: feed, why: whyLine(caseRef, Boolean(link)) });
      const icalEvent = link && nudge ? await calendarPart(opts, nudge.kind, link, recipient.email, url, host) : undefined;
      try {
        const info = await opts.transport.sendMail({
          from: { name: 'Quorum', address: opts.from },
          to: recipient.email,
          subject: body.subject,
          text: body.text,
          html: body.html,
          messageId: nudge ? `<nudge-${nudge.nudgeId}@${host}>` : undefined,
          icalEvent,
        });
        return { messageId: String(info.messageId ?? '') };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}

async function calendarPart(opts: EmailSenderOptions, kind: string, link: InvitationLink, attendee: string, url: string | undefined, host: string) {
  const method = REQUEST_KINDS.has(kind) && link.conferenceStatus === 'scheduled' && !link.removed ? 'REQUEST' : CANCEL_KINDS.has(kind) ? 'CANCEL' : null;
  if (!method) return undefined;
  const initials = await caseInitials(opts.db, link.caseId);
  // The withdrawal bumped the conference's sequence (src/store/repository/invitations.ts), so this
  // attendee's CANCEL is above what they hold, and a later invitation above the CANCEL.
  const sequence = link.calendarSequence;
  const content = conferenceInvite(
    method,
    {
      uid: conferenceUid(link.conferenceId, opts.publicUrl),
      sequence,
      start: link.scheduledAt,
      summary: formatConferenceSummary(link.conferenceType, link.caseRef, initials),
      description: url ? `Answer or mark your report submitted: ${url}` : `Case ${link.caseRef}. Sent by Quorum (${host}).`,
      url,
    },
    { organizer: opts.from, attendee },
    (opts.now ?? (() => new Date()))(),
  );
  return { method, filename: 'invite.ics', content };
}

function whyLine(caseRef: string | undefined, invited: boolean): string {
  const on = caseRef ? ` on case ${caseRef}` : '';
  return `You are getting this email because you are ${invited ? 'invited to a child protection conference' : 'a member of a child protection case'}${on}, and Quorum, the conference service, has no chat account for you. Please do not reply to this address: contact the conference admin for the case.`;
}

/** 4xx: try again later (the dispatcher backs off); 5xx: the server refuses for good; no answer: retry. */
export function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; code?: string };
  const status = Number(e?.responseCode) || 0;
  if (status >= 500 && status < 600) return new DeliveryError(`SMTP_${status}`, { permanent: true });
  if (status >= 400 && status < 500) return new DeliveryError(`SMTP_${status}`);
  if (e?.code === 'EENVELOPE') return new DeliveryError('SMTP_ENVELOPE_REFUSED', { permanent: true });
  return new DeliveryError('SMTP_UNREACHABLE');
}
