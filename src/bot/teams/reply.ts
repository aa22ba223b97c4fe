// A CoreReply as what Teams shows: a message with a card, or a card returned from a card click.
import type { Activity } from 'botbuilder';
import type { CoreReply } from '../core/types.js';
import { renderFormCard } from './cards/form-card.js';
import { toPlainText } from './cards/rich-text.js';
import { cardAttachment, type AdaptiveCard } from './cards/types.js';
import { renderViewCard } from './cards/view-card.js';

const NOTHING_TO_SHOW = 'Done.';

/**
 * A message for the chat: the form or view as a card. The one-line fallback goes in `summary`, not
 * `text`: Teams would show text as a second copy above the card.
 */
export function replyActivity(reply: CoreReply): Partial<Activity> {
  if (reply.form) return { type: 'message', summary: toPlainText(reply.form.title), attachments: [cardAttachment(renderFormCard(reply.form))] };
  if (reply.view) return { type: 'message', summary: toPlainText(reply.view.fallback), attachments: [cardAttachment(renderViewCard(reply.view))] };
  return { type: 'message', text: toPlainText(reply.error?.message ?? NOTHING_TO_SHOW) };
}

/**
 * The answer to a card click. A refusal is a message (Teams shows it and keeps the card as it was,
 * so a form keeps what was typed); otherwise the card is replaced: by the form, the new view, or
 * the reply's view.
 */
export function invokeResult(reply: CoreReply): AdaptiveCard | string {
  if (reply.error) return toPlainText(reply.error.message);
  if (reply.form) return renderFormCard(reply.form);
  if (reply.view) return renderViewCard(reply.view);
  return NOTHING_TO_SHOW;
}
