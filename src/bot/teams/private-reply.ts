// Answers to commands asked in a channel or group chat go to the asker's personal chat with the
// bot: they carry case details that the rest of the channel may not be entitled to see.
import type { Activity, ConversationParameters, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';

/** True when sent. Works when the app is installed for the user, or in a team they belong to. */
export async function sendPrivately(adapter: TeamsAdapter, appId: string, context: TurnContext, activity: Partial<Activity>): Promise<boolean> {
  const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
  const incoming = context.activity;
  if (!client || !incoming.from?.id) return false;
  const tenantId = (incoming.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? incoming.conversation?.tenantId;
  const params: ConversationParameters = {
    isGroup: false,
    bot: { id: incoming.recipient?.id ?? appId, name: incoming.recipient?.name ?? 'Quorum' },
    members: [{ id: incoming.from.id, name: '' }],
    tenantId,
    channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
    activity: undefined as unknown as Activity,
  };
  try {
    const created = await client.conversations.createConversation(params);
    await client.conversations.sendToConversation(created.id, { ...activity, from: incoming.recipient, conversation: { id: created.id } } as Activity);
    return true;
  } catch {
    return false;
  }
}
