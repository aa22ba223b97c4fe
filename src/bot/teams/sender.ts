// The `teams` ChannelSender: a proactive message into the person's stored personal chat with the
// bot. Connector failures become DeliveryErrors the dispatcher understands (retry or give up).
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { isTeamsReference } from '../core/reach.js';
import { DeliveryError, type ChannelSender, type Recipient, type SendResult, type View } from '../core/types.js';
import { toPlainText } from './cards/rich-text.js';
import { cardAttachment } from './cards/types.js';
import { renderViewCard } from './cards/view-card.js';

export function createTeamsSender(adapter: TeamsAdapter, appId: string): ChannelSender {
  return {
    channel: 'teams',
    async send(recipient: Recipient, view: View): Promise<SendResult> {
      const ref = recipient.teamsConversationRef;
      if (!isTeamsReference(ref)) throw new DeliveryError('TEAMS_NO_CONVERSATION', { permanent: true });
      const activity: Partial<Activity> = { type: 'message', text: toPlainText(view.fallback), attachments: [cardAttachment(renderViewCard(view))] };
      let messageId: string | undefined;
      // Caught inside the turn: the adapter's onTurnError would otherwise swallow it.
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(appId, ref as unknown as Partial<ConversationReference>, async (context) => {
          withoutConnectorRetries(context, adapter);
          try {
            messageId = (await context.sendActivity(activity))?.id;
          } catch (err) {
            failure = err;
          }
        });
      } catch (err) {
        failure ??= err;
      }
      if (failure) throw toDeliveryError(failure);
      return { messageId: messageId ?? '', channelId: String((ref.conversation as { id?: string }).id ?? '') };
    },
    async update(recipient: Recipient, message: SendResult, view: View): Promise<void> {
      const ref = recipient.teamsConversationRef;
      if (!isTeamsReference(ref) || !message.messageId) throw new DeliveryError('TEAMS_NO_CONVERSATION', { permanent: true });
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(appId, ref as unknown as Partial<ConversationReference>, async (context) => {
          withoutConnectorRetries(context, adapter);
          try {
            await context.updateActivity({ id: message.messageId, type: 'message', text: toPlainText(view.fallback), attachments: [cardAttachment(renderViewCard(view))] });
          } catch (err) {
            failure = err;
          }
        });
      } catch (err) {
        failure ??= err;
      }
      if (failure) throw toDeliveryError(failure);
    },
  };
}

/**
 * The dispatcher owns retries (backoff, lease, Retry-After): the connector client's own retry
 * policies would hold a claimed nudge for seconds and hide the status. Its pipeline is reachable
 * only through the compat client, so this is best effort.
 */
function withoutConnectorRetries(context: TurnContext, adapter: TeamsAdapter): void {
  const client = context.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } } | undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

/** 429 and 5xx are worth retrying (honouring Retry-After); 403/404 (uninstalled, blocked) never heal. */
export function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number; headers?: { get?: (n: string) => string | undefined } | Record<string, string> } };
  const status = e?.statusCode ?? e?.response?.status ?? e?.status;
  if (status === 429 || (status !== undefined && status >= 500)) {
    return new DeliveryError(`TEAMS_HTTP_${status}`, { retryAfterMs: retryAfterMs(e?.response?.headers) });
  }
  if (status === 400 || status === 403 || status === 404) return new DeliveryError(`TEAMS_HTTP_${status}`, { permanent: true });
  return new DeliveryError(status ? `TEAMS_HTTP_${status}` : 'TEAMS_UNREACHABLE');
}

function retryAfterMs(headers: { get?: (n: string) => string | undefined } | Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string>)['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
