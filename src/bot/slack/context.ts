// A Slack request → the core's RequestContext: who is asking (with a lazy email lookup, asked only
// for a user the store does not know yet) and the key that makes a platform retry a no-op.
import { createHash, randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChatUser, CoreDeps, RequestContext } from '../core/types.js';

type WebClient = webApi.WebClient;

export interface SlackDeps {
  core: CoreDeps;
  client: WebClient;
  log: Logger;
  /** The slash command's name, e.g. /cp. */
  command: string;
  /** Only adapters read the clock; tests pass a fixed one. */
  now: () => Date;
}

/** Who sent a request, as the receiver validated it: the user, their team, and whether that team is the bot's own. */
export interface SlackRequester {
  userId: string;
  workspaceId: string;
  homeWorkspace: boolean;
}

export function slackUser(client: WebClient, requester: SlackRequester, log: Logger): ChatUser {
  return {
    lookupEmailOf: (userId: string) => confirmedEmailOf(client, userId, requester.workspaceId, log),
    platform: 'slack',
    userId: requester.userId,
    workspaceId: requester.workspaceId,
    homeWorkspace: requester.homeWorkspace,
    lookupEmail: async () => {
      try {
        const res = await client.users.info({ user: requester.userId });
        const email = res.user?.profile?.email ?? null;
        // Anyone can type any address into a profile: only one Slack says they confirmed counts.
        if (email && res.user?.is_email_confirmed !== true) {
          log.info({ code: 'SLACK_EMAIL_UNCONFIRMED' }, 'slack email not confirmed');
          return null;
        }
        return email;
      } catch (err) {
        log.warn({ code: (err as { data?: { error?: string } }).data?.error ?? (err as { code?: string }).code ?? 'SLACK_USERS_INFO_FAILED' }, 'slack email lookup failed');
        return null;
      }
    },
  };
}

/** A user's email, only if Slack says they confirmed it and they belong to that workspace (not a bot, not deactivated). */
async function confirmedEmailOf(client: WebClient, userId: string, workspaceId: string, log: Logger): Promise<string | null> {
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    if (!u || u.deleted || u.is_bot || u.team_id !== workspaceId || u.is_email_confirmed !== true) return null;
    return u.profile?.email ?? null;
  } catch (err) {
    log.warn({ code: (err as { data?: { error?: string } }).data?.error ?? 'SLACK_USERS_INFO_FAILED' }, 'slack mention lookup failed');
    return null;
  }
}

/** The requester the receiver put in Bolt's context (src/bot/slack/receiver.ts). */
export function requesterOf(context: Record<string, unknown>): SlackRequester {
  const r = context.requester as SlackRequester | undefined;
  if (!r) throw new Error('slack request without a validated requester');
  return r;
}

export function requestContext(deps: SlackDeps, requester: SlackRequester, correlationId: unknown, idempotencyKey?: string): RequestContext {
  return {
    user: slackUser(deps.client, requester, deps.log),
    correlationId: typeof correlationId === 'string' && correlationId ? correlationId : randomUUID(),
    now: deps.now(),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}

/** A short digest, so keys stay small and carry no content. */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex').slice(0, 16);
}

export const idempotencyKeys = {
  command: (team: string, triggerId: string) => `slack:cmd:${team}:${triggerId}`,
  action: (team: string, user: string, actionTs: string) => `slack:${team}:${user}:${actionTs}`,
  view: (viewId: string, hash: string, values: unknown) => `slack:view:${viewId}:${hash}:${digest(values)}`,
};
