// Every core button (action_id `quorum:…`): acked at once, then the core decides. A card answer
// replaces the clicked message; a form opens as a modal; a click on App Home re-publishes it.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderHome, runAction } from '../../../core/index.js';
import { idempotencyKeys, requestContext, requesterOf, type SlackDeps, type SlackRequester } from '../../context.js';
import { deliverReply, openForm, postEphemeral, FORM_TOO_SLOW, errorCode, type ReplyTarget } from '../../reply.js';
import { renderHomeView } from '../../render/home.js';
import { safely } from '../safely.js';

export function coreButton(deps: SlackDeps) {
  return async ({ ack, body, action, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = deps.log.child({ correlationId: context.correlationId, surface: 'action' });
    await safely(log, 'action', async () => {
      const value = action.type === 'button' ? action.value : undefined;
      const requester = requesterOf(context);
      const userId = requester.userId;
      // The same click retried by Slack carries the same action_ts.
      const ctx = requestContext(deps, requester, context.correlationId, idempotencyKeys.action(requester.workspaceId, userId, action.action_ts));
      const reply = await runAction(deps.core, ctx, value ?? null);
      log.info({ code: reply.error?.code ?? 'OK', replace: Boolean(reply.replace), form: reply.form?.id }, 'slack action handled');

      const container = body.container as { type?: string; is_ephemeral?: boolean; channel_id?: string; message_ts?: string } | undefined;
      const target: ReplyTarget = { userId, responseUrl: body.response_url, triggerId: body.trigger_id };
      if (container?.type === 'message' && !container.is_ephemeral && container.channel_id && container.message_ts) {
        target.message = { channel: container.channel_id, ts: container.message_ts };
      }
      if (body.view?.type === 'home') {
        if (reply.form) {
          if (!(await openForm(deps, log, target, reply.form))) await postEphemeral(deps, log, target, FORM_TOO_SLOW);
        } else if (reply.error) await postEphemeral(deps, log, target, reply.view ?? { fallback: reply.error.message, blocks: [{ type: 'text', text: reply.error.message }] });
        else await publishHome(deps, requester, context.correlationId);
        return;
      }
      await deliverReply(deps, log, target, reply);
    });
  };
}

async function publishHome(deps: SlackDeps, requester: SlackRequester, correlationId: unknown): Promise<void> {
  const view = await renderHome(deps.core, requestContext(deps, requester, correlationId));
  try {
    await deps.client.views.publish({ user_id: requester.userId, view: renderHomeView(view) });
  } catch (err) {
    deps.log.warn({ code: errorCode(err) }, 'slack views.publish failed');
  }
}
