// Every Teams route in one place: messages (commands), installs (welcome), card clicks and form
// submissions. Each handler parses the activity, calls the core, and renders its reply: nothing else.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
// Modules, not the package's index (see adapter.ts).
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import type { Logger } from 'pino';
import { renderHome, runAction, runCommand, submitForm } from '../core/index.js';
import type { CoreDeps, CoreReply } from '../core/types.js';
import { readFormSubmission } from './cards/form-values.js';
import { FORM_SUBMIT_VERB } from './cards/types.js';
import { requestContextFrom, type TeamsIdentity } from './chat-user.js';
import { invokeResult, replyActivity } from './reply.js';
import { sendPrivately } from './private-reply.js';

export const CORRELATION_KEY = Symbol('quorumCorrelationId');

export interface TeamsAppDeps {
  adapter: TeamsAdapter;
  appId: string;
  core: CoreDeps;
  log: Logger;
  identity: TeamsIdentity;
}

export function createTeamsApp(deps: TeamsAppDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.appId,
    removeRecipientMention: true,
    // The typing timer is one per Application, not per turn: concurrent turns would cancel each other's.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.activity(ActivityTypes.Message, (context) => guard(deps, context, () => onMessage(deps, context)));
  app.conversationUpdate('membersAdded', (context) => guard(deps, context, () => onInstall(deps, context)));
  // Registered first: a form's submit button; every other verb is an ActionPayload the core validates.
  app.adaptiveCards.actionExecute(FORM_SUBMIT_VERB, (context, _state, data) => guardInvoke(deps, context, () => onFormSubmit(deps, context, data)));
  app.adaptiveCards.actionExecute(/^(?!form_submit$).+/, (context, _state, data) => guardInvoke(deps, context, () => runAction(deps.core, ctxOf(deps, context), data)));
  return app;
}

function ctxOf(deps: TeamsAppDeps, context: TurnContext) {
  return requestContextFrom(context, context.turnState.get(CORRELATION_KEY) ?? 'teams', deps.identity);
}

async function onMessage(deps: TeamsAppDeps, context: TurnContext): Promise<void> {
  const text = normaliseText(context.activity.text ?? '');
  const reply = await runCommand(deps.core, ctxOf(deps, context), text);
  logReply(deps, context, 'command', reply);
  await sendReply(deps, context, reply);
}

async function onInstall(deps: TeamsAppDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return;
  if (!isPersonal(activity)) {
    await context.sendActivity({ type: 'message', text: 'Hello, I am Quorum. Mention me with "help" to see what I can do; I answer with case details in our personal chat only.' });
    return;
  }
  const view = await renderHome(deps.core, ctxOf(deps, context));
  deps.log.info({ event: 'teams_install', activityId: activity.id }, 'teams welcome sent');
  await context.sendActivity(replyActivity({ view }));
}

async function onFormSubmit(deps: TeamsAppDeps, context: TurnContext, data: unknown): Promise<CoreReply> {
  const { formId, state, values } = readFormSubmission(data);
  return submitForm(deps.core, ctxOf(deps, context), formId, state, values);
}

/** Replies carry case details: in a channel or group chat they go to the asker's personal chat. */
async function sendReply(deps: TeamsAppDeps, context: TurnContext, reply: CoreReply): Promise<void> {
  const activity = replyActivity(reply);
  if (isPersonal(context.activity)) {
    await context.sendActivity(activity);
    return;
  }
  const sent = await sendPrivately(deps.adapter, deps.appId, context, activity);
  deps.log.info({ event: 'teams_private_reply', ok: sent }, 'teams reply sent privately');
  await context.sendActivity({
    type: 'message',
    text: sent ? 'I have answered you in our personal chat.' : 'I could not message you privately. Open a personal chat with Quorum and ask me there.',
  });
}

async function guard(deps: TeamsAppDeps, context: TurnContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.log.error({ code: (err as { code?: string }).code ?? 'TEAMS_HANDLER_FAILED', type: (err as Error)?.name, activityId: context.activity.id }, 'teams handler failed');
    await context.sendActivity({ type: 'message', text: 'Something went wrong on our side. Nothing was recorded: please try again.' }).catch(() => undefined);
  }
}

async function guardInvoke(deps: TeamsAppDeps, context: TurnContext, work: () => Promise<CoreReply>) {
  try {
    const reply = await work();
    logReply(deps, context, 'card_action', reply);
    return invokeResult(reply);
  } catch (err) {
    deps.log.error({ code: (err as { code?: string }).code ?? 'TEAMS_HANDLER_FAILED', type: (err as Error)?.name, activityId: context.activity.id }, 'teams card action failed');
    return 'Something went wrong on our side. Nothing was recorded: please try again.';
  }
}

function logReply(deps: TeamsAppDeps, context: TurnContext, kind: string, reply: CoreReply): void {
  deps.log.info({ event: `teams_${kind}`, activityId: context.activity.id, code: reply.error?.code ?? 'OK', form: reply.form?.id, replace: reply.replace ?? false }, 'teams request handled');
}

export function isPersonal(activity: Partial<Activity>): boolean {
  const c = activity.conversation;
  return !c?.isGroup && (!c?.conversationType || c.conversationType === 'personal');
}

/** Teams text may keep entities and non-breaking spaces around a stripped @mention. */
export function normaliseText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

