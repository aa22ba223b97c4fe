// The slash command (/cp by default): acked at once, answered through the response_url, or a
// modal when the core replies with a form (`dissent CASE`). Unknown text goes to the core as is.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../core/index.js';
import { idempotencyKeys, requestContext, requesterOf, type SlackDeps } from '../../context.js';
import { deliverReply } from '../../reply.js';
import { safely } from '../safely.js';

export function cpCommand(deps: SlackDeps) {
  return async ({ command, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = deps.log.child({ correlationId: context.correlationId, surface: 'command' });
    await safely(log, 'command', async () => {
      // trigger_id is unique per invocation, and the same on a retry of it.
      const key = command.trigger_id ? idempotencyKeys.command(command.team_id, command.trigger_id) : undefined;
      const ctx = requestContext(deps, requesterOf(context), context.correlationId, key);
      const reply = await runCommand(deps.core, ctx, command.text ?? '');
      log.info({ code: reply.error?.code ?? 'OK', form: reply.form?.id }, 'slack command handled');
      await deliverReply(deps, log, { userId: command.user_id, responseUrl: command.response_url, triggerId: command.trigger_id }, reply);
    });
  };
}
