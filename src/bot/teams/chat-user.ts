// Who is asking, as the core needs it: the Azure AD object id (people.teamsUserId), the email
// from the roster when the core asks for it, and where to reach them for proactive nudges.
import { createHash } from 'node:crypto';
import { TeamsInfo, TurnContext } from 'botbuilder';
import type { ChatUser, RequestContext } from '../core/types.js';

export function chatUserFrom(context: TurnContext): ChatUser {
  const activity = context.activity;
  const from = activity.from ?? { id: '' };
  return {
    platform: 'teams',
    workspaceId: [activity.conversation?.tenantId, activity.channelData?.tenant?.id].find((t): t is string => typeof t === 'string') ?? '',
    userId: from.aadObjectId || from.id,
    lookupEmail: () => lookupEmail(context),
    conversationRef: personalConversationRef(context),
  };
}

/** Asked only for a user not linked yet. In local mode the roster may not exist: then null. */
async function lookupEmail(context: TurnContext): Promise<string | null> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.email || member.userPrincipalName || null;
  } catch {
    return null;
  }
}

/** Only a personal chat is stored: nudges name cases and deadlines, and must never land in a channel. */
function personalConversationRef(context: TurnContext): Record<string, unknown> | null {
  const conversation = context.activity.conversation;
  if (!conversation || conversation.isGroup || (conversation.conversationType && conversation.conversationType !== 'personal')) return null;
  const ref = TurnContext.getConversationReference(context.activity);
  // The activity id changes every turn; leaving it out keeps the stored ref stable (no rewrite per message).
  const { activityId: _activityId, ...stable } = ref;
  return JSON.parse(JSON.stringify(stable)) as Record<string, unknown>;
}

export function requestContextFrom(context: TurnContext, correlationId: string): RequestContext {
  const activity = context.activity;
  return {
    user: chatUserFrom(context),
    correlationId,
    now: new Date(),
    ...(activity.id ? { idempotencyKey: idempotencyKeyFor(activity.conversation?.id ?? '', activity.id) } : {}),
  };
}

/** Teams retries an activity with the same id within its conversation. */
export function idempotencyKeyFor(conversationId: string, activityId: string): string {
  return `teams:${createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest('hex').slice(0, 40)}`;
}

