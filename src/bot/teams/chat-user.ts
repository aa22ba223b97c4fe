// Who is asking, as the core needs it: the Azure AD object id (people.teamsUserId), the email
// from the roster when the core asks for it, the tenant, and where to reach them for nudges.
// In local mode nothing the activity claims is trusted: every activity acts as one fixed person.
import { createHash } from 'node:crypto';
import { TeamsInfo, TurnContext } from 'botbuilder';
import type { ChatUser, RequestContext } from '../core/types.js';

export interface TeamsIdentity {
  localMode: boolean;
  /** Local mode: the email of the one person every activity acts as (QUORUM_TEAMS_LOCAL_USER). */
  localUserEmail?: string;
}

export function chatUserFrom(context: TurnContext, identity: TeamsIdentity): ChatUser {
  const activity = context.activity;
  const from = activity.from ?? { id: '' };
  const workspaceId = tenantIdOf(activity);
  // Local mode has no tenant to bind to: its links live in a workspace of their own, 'local'.
  const common = { platform: 'teams' as const, conversationRef: personalConversationRef(context), workspaceId: workspaceId ?? (identity.localMode ? 'local' : '') };
  if (identity.localMode) {
    // No authentication: a from.aadObjectId (an imported person's id) or a roster at a serviceUrl the
    // request names would let anyone on this machine be anyone. The operator names the one person.
    return { ...common, userId: localUserId(identity.localUserEmail), email: identity.localUserEmail ?? null };
  }
  return { ...common, userId: from.aadObjectId || from.id, lookupEmail: () => lookupEmail(context) };
}

/** Never an Azure AD object id, so a local link can never be mistaken for a real Teams user's. */
export function localUserId(email: string | undefined): string {
  return email ? `local:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}` : 'local:nobody';
}

function tenantIdOf(activity: TurnContext['activity']): string | undefined {
  const id = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

/** Asked only for a user not linked yet, and only with authentication (the serviceUrl is then the token's). */
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

export function requestContextFrom(context: TurnContext, correlationId: string, identity: TeamsIdentity): RequestContext {
  const activity = context.activity;
  return {
    user: chatUserFrom(context, identity),
    correlationId,
    now: new Date(),
    ...(activity.id ? { idempotencyKey: idempotencyKeyFor(activity.conversation?.id ?? '', activity.id) } : {}),
  };
}

/** Teams retries an activity with the same id within its conversation. */
export function idempotencyKeyFor(conversationId: string, activityId: string): string {
  return `teams:${createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest('hex').slice(0, 40)}`;
}

