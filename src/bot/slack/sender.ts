// The `slack` ChannelSender: the dispatcher's way to DM a person. A message to a user id lands in
// the app's Messages tab (chat:write is enough: no conversations.open). Failures become
// DeliveryErrors the outbox understands: 429 and 5xx are retried later, unknown users are not.
import type { webApi } from '@slack/bolt';
import { DeliveryError, type ChannelSender, type Recipient, type SendResult, type View } from '../core/types.js';
import { renderBlocks, renderFallback } from './render/blocks.js';

type WebClient = webApi.WebClient;

/** Platform error codes that will not change on a retry. */
const PERMANENT = new Set([
  'user_not_found',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_disabled',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
]);

/** Stores (and audits) a link found by email: the Slack mount writes it through the case repository. */
export type SlackLinker = (personId: number, workspaceId: string, slackUserId: string) => Promise<void>;

export interface SlackDiscovery {
  /** The bot token's workspace (auth.test): only its users are linked. */
  homeTeam: () => string | undefined;
  link: SlackLinker;
}

export function createSlackSender(client: WebClient, discovery?: SlackDiscovery): ChannelSender {
  return {
    channel: 'slack',
    discover: discovery ? (recipient) => discoverByEmail(client, discovery, recipient) : undefined,
    update: async (_recipient: Recipient, message: SendResult, view: View): Promise<void> => {
      if (!message.channelId) throw new DeliveryError('SLACK_NO_CHANNEL', { permanent: true });
      try {
        await client.chat.update({ channel: message.channelId, ts: message.messageId, text: renderFallback(view), blocks: renderBlocks(view) });
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    send: async (recipient: Recipient, view: View): Promise<SendResult> => {
      if (!recipient.slackUserId) throw new DeliveryError('SLACK_NO_USER_ID', { permanent: true });
      try {
        const res = await client.chat.postMessage({ channel: recipient.slackUserId, text: renderFallback(view), blocks: renderBlocks(view), unfurl_links: false, unfurl_media: false });
        return { messageId: String(res.ts), channelId: String(res.channel ?? recipient.slackUserId) };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}

/** Maps a Web API failure to a DeliveryError whose message is a code, never message content. */
export function toDeliveryError(err: unknown): DeliveryError {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('SLACK_RATE_LIMITED', { retryAfterMs: Math.max(1, Number(e.retryAfter) || 1) * 1000 });
    case 'slack_webapi_platform_error': {
      const code = String(e.data?.error ?? 'unknown').slice(0, 60);
      return new DeliveryError(`SLACK_${code.toUpperCase()}`, { permanent: PERMANENT.has(code) });
    }
    case 'slack_webapi_http_error': {
      const status = Number(e.statusCode) || 0;
      return new DeliveryError(`SLACK_HTTP_${status}`, { permanent: status >= 400 && status < 500 && status !== 408 });
    }
    default:
      // Timeouts and connection failures: the message may or may not have arrived; the outbox decides.
      return new DeliveryError('SLACK_REQUEST_FAILED');
  }
}

/**
 * users.lookupByEmail, then the same rule as a link made when someone writes to the bot: the
 * address must be one Slack says the user confirmed, in the bot token's own workspace. Anything
 * else links nobody. Errors are misses: email is the fallback, not a failure.
 */
async function discoverByEmail(client: WebClient, d: SlackDiscovery, r: Recipient): Promise<Recipient | undefined> {
  const team = d.homeTeam();
  if (!r.email || !team) return undefined;
  try {
    const res = await client.users.lookupByEmail({ email: r.email });
    const u = res.user as { id?: string; team_id?: string; deleted?: boolean; is_bot?: boolean; is_email_confirmed?: boolean; profile?: { email?: string } } | undefined;
    const sameEmail = u?.profile?.email?.toLowerCase() === r.email.toLowerCase();
    if (!u?.id || !/^[UW][A-Z0-9]{2,40}$/.test(u.id) || u.team_id !== team || u.deleted || u.is_bot || u.is_email_confirmed !== true || !sameEmail) return undefined;
    await d.link(r.personId, team, u.id);
    return { ...r, slackUserId: u.id };
  } catch {
    return undefined;
  }
}
