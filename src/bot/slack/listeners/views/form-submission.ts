// A core form submitted from a modal. The answer must be in the ack (Slack shows field errors
// only from it), so the core gets until SUBMIT_DEADLINE_MS; past that the modal closes and the
// outcome arrives as a DM. A field error stays on its field; other refusals replace the modal.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { submitForm } from '../../../core/index.js';
import type { CoreReply, View } from '../../../core/types.js';
import { idempotencyKeys, requestContext, requesterOf, type SlackDeps } from '../../context.js';
import { postDirect } from '../../reply.js';
import { FORM_CALLBACK_PREFIX, readFormValues, renderMessageModal, renderModal } from '../../render/modal.js';
import { escapeText, truncate } from '../../render/text.js';
import { safely } from '../safely.js';

/** Below the receiver's own ack deadline (2.5 s), which is below Slack's 3 s. */
export const SUBMIT_DEADLINE_MS = 2_000;

export function formSubmission(deps: SlackDeps) {
  return async ({ ack, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = deps.log.child({ correlationId: context.correlationId, surface: 'view' });
    const requester = requesterOf(context);
    const userId = requester.userId;
    const formId = view.callback_id.slice(FORM_CALLBACK_PREFIX.length);
    const values = readFormValues(view.state);
    const ctx = requestContext(deps, requester, context.correlationId, idempotencyKeys.view(view.id, view.hash, values));
    const work = submitForm(deps.core, ctx, formId, parseState(view.private_metadata), values);
    const reply = await withDeadline(work, SUBMIT_DEADLINE_MS);
    if (reply === 'late') {
      await ack();
      log.warn({ code: 'SLACK_SUBMIT_LATE', formId }, 'slack form answered after the modal closed');
      await safely(log, 'view', async () => {
        const late = await work;
        await postDirect(deps, log, userId, late.view ?? messageView(late.error?.message ?? 'Saved.'));
      });
      return;
    }
    log.info({ code: reply.error?.code ?? 'OK', formId, field: reply.error?.field }, 'slack form handled');
    const field = reply.error?.field;
    if (reply.error && field && view.blocks.some((b) => b.block_id === field)) {
      await ack({ response_action: 'errors', errors: { [field]: truncate(escapeText(reply.error.message), 300) } });
      return;
    }
    if (reply.error) {
      await ack({ response_action: 'update', view: renderMessageModal(view.title.text, reply.view ?? messageView(reply.error.message)) });
      return;
    }
    if (reply.form) {
      await ack({ response_action: 'update', view: renderModal(reply.form) });
      return;
    }
    await ack();
    if (reply.view) await safely(log, 'view', () => postDirect(deps, log, userId, reply.view!));
  };
}

function parseState(metadata: string | undefined): unknown {
  try {
    return metadata ? JSON.parse(metadata) : null;
  } catch {
    return null;
  }
}

async function withDeadline(work: Promise<CoreReply>, ms: number): Promise<CoreReply | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function messageView(text: string): View {
  return { fallback: text, blocks: [{ type: 'text', text }] };
}
