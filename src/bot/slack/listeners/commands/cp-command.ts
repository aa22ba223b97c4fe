// The slash command (/cp by default): acked at once, answered through the response_url, or a
// modal when the core replies with a form (`dissent CASE`). Unknown text goes to the core as is,
// once Slack's escaping is undone (decodeCommandText).
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
      const reply = await runCommand(deps.core, ctx, decodeCommandText(command.text ?? ''));
      log.info({ code: reply.error?.code ?? 'OK', form: reply.form?.id }, 'slack command handled');
      await deliverReply(deps, log, { userId: command.user_id, responseUrl: command.response_url, triggerId: command.trigger_id }, reply);
    });
  };
}

/**
 * The manifest sets should_escape: true, the only way Slack sends a picked @person as
 * `<@U012ABC|name>` (without it, just the typed `@name`, which names nobody). Slack then also
 * sends the &, < and > a person typed as &amp;, &lt; and &gt;: decoded here, so a note reads as
 * typed. The core reads the <@…>, <mailto:…> tokens; &amp; last, so `&amp;lt;` stays `&lt;`.
 */
export function decodeCommandText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
