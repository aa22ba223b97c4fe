// Every Slack payload is checked here, at the adapter's edge, before Bolt or the core sees it: ids
// must look like Slack ids, every string has a length limit and no NUL byte, and unknown fields are
// dropped. A payload that fails is malformed (400); the command text is checked apart, so a person
// who typed something odd gets a polite answer rather than an error page.
import { z } from 'zod';
import { FORM_CALLBACK_PREFIX } from './render/modal.js';
import { ACTION_PREFIX } from './render/blocks.js';

/** Slack's own limit on a slash command's text is 4,000 characters. */
export const COMMAND_TEXT_MAX = 4_000;

const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'NUL byte');
// U…, W…, T…, E…, C…, D…, G…, V…, A…: upper-case letters and digits.
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);
const triggerId = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/);
const timestamp = z.string().regex(/^\d{1,20}(\.\d{1,20})?$/);
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]);

const team = z.object({ id: slackId, domain: text(200).optional(), enterprise_id: slackId.optional() }).nullable().optional();
const enterprise = z.object({ id: slackId, name: text(200).optional() }).nullable().optional();
const user = z.object({ id: slackId, team_id: slackId.optional(), username: text(200).optional(), name: text(200).optional() });

const commandSchema = z.object({
  command: text(40),
  text: z.string().max(1_000_000).default(''),
  team_id: slackId,
  team_domain: text(200).optional(),
  enterprise_id: slackId.optional(),
  enterprise_name: text(200).optional(),
  user_id: slackId,
  user_name: text(200).optional(),
  channel_id: slackId.optional(),
  channel_name: text(200).optional(),
  api_app_id: text(40).optional(),
  is_enterprise_install: flag.optional(),
  response_url: text(1_000).optional(),
  trigger_id: triggerId.optional(),
});

const actionSchema = z.object({
  type: text(40),
  action_id: text(255),
  block_id: text(255).optional(),
  value: text(2_000).optional(),
  action_ts: timestamp,
  text: z.object({ type: text(20), text: text(300), emoji: z.boolean().optional() }).optional(),
});

// What every interaction payload carries about where it came from and who sent it.
const interactionEnvelope = {
  team,
  enterprise,
  user,
  api_app_id: text(40).optional(),
  is_enterprise_install: z.boolean().optional(),
  trigger_id: triggerId.optional(),
};

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  ...interactionEnvelope,
  response_url: text(1_000).optional(),
  container: z
    .object({ type: text(40), message_ts: timestamp.optional(), channel_id: slackId.optional(), is_ephemeral: z.boolean().optional(), view_id: slackId.optional() })
    .optional(),
  channel: z.object({ id: slackId, name: text(200).optional() }).optional(),
  view: z.object({ id: slackId, type: text(20), hash: text(100).optional() }).optional(),
  // Slack sends the one button clicked.
  actions: z.array(actionSchema).length(1),
});

const option = z.object({ value: text(150) }).nullable();
const inputState = z.object({
  type: text(40),
  value: text(3_000).nullable().optional(),
  selected_option: option.optional(),
  selected_options: z.array(option.unwrap()).max(100).optional(),
  selected_date: text(10).nullable().optional(),
});
const fewKeys = (max: number) => (o: object) => Object.keys(o).length <= max;

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  ...interactionEnvelope,
  view: z.object({
    id: slackId,
    team_id: slackId.optional(),
    type: z.literal('modal'),
    callback_id: text(255),
    hash: text(100),
    private_metadata: text(3_000).optional(),
    title: z.object({ type: text(20), text: text(100) }),
    blocks: z.array(z.object({ type: text(40), block_id: text(255).optional() })).max(100),
    state: z.object({ values: z.record(text(255), z.record(text(255), inputState).refine(fewKeys(5))).refine(fewKeys(100)) }),
  }),
});

const appHomeOpenedSchema = z.object({
  type: z.literal('event_callback'),
  team_id: slackId,
  enterprise_id: slackId.nullable().optional(),
  api_app_id: text(40).optional(),
  event_id: text(100).optional(),
  event_time: z.number().optional(),
  authorizations: z
    .array(z.object({ team_id: slackId.nullable(), enterprise_id: slackId.nullable().optional(), user_id: slackId.optional(), is_bot: z.boolean().optional(), is_enterprise_install: z.boolean().optional() }))
    .max(10)
    .optional(),
  event: z.object({ type: z.literal('app_home_opened'), user: slackId, channel: slackId.optional(), tab: text(20).optional(), event_ts: timestamp.optional() }),
});

export type SlashCommand = z.infer<typeof commandSchema>;

/** Who sent a request: their user id, the team they act from, and every team the payload names. */
export interface Requester {
  userId: string;
  workspaceId: string;
  teams: string[];
}

export type SlackRequest =
  | { kind: 'ssl_check' }
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'command'; body: SlashCommand; requester: Requester }
  | { kind: 'action'; body: z.infer<typeof blockActionsSchema>; requester: Requester }
  | { kind: 'view'; body: z.infer<typeof viewSubmissionSchema>; requester: Requester }
  | { kind: 'home'; body: z.infer<typeof appHomeOpenedSchema>; requester: Requester }
  /** Valid, but nothing of ours listens: answered 200, and nothing else. */
  | { kind: 'ignored' }
  | { kind: 'malformed' };

export interface ReadOptions {
  /** Our slash command, e.g. /cp. */
  command: string;
  /** Where a response_url may point (Slack's hooks, or SLACK_API_URL's host): we post replies there. */
  responseOrigins: readonly string[];
}

export const SLACK_RESPONSE_ORIGIN = 'https://hooks.slack.com';

/** Slash commands arrive as a form, interactions as a form with a JSON `payload`, events as JSON. */
export function readSlackRequest(raw: string, contentType: string | undefined, opts: ReadOptions): SlackRequest {
  const body = parseBody(raw, contentType);
  if (!body) return { kind: 'malformed' };
  if (body.response_url !== undefined && !allowedResponseUrl(body.response_url, opts.responseOrigins)) return { kind: 'malformed' };
  if (body.ssl_check === '1') return { kind: 'ssl_check' };
  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string' && body.challenge.length <= 200 && !body.challenge.includes('\u0000') ? { kind: 'url_verification', challenge: body.challenge } : { kind: 'malformed' };
  }
  if (typeof body.command === 'string') {
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success) return { kind: 'malformed' };
    if (parsed.data.command !== opts.command) return { kind: 'ignored' };
    return { kind: 'command', body: parsed.data, requester: { userId: parsed.data.user_id, workspaceId: parsed.data.team_id, teams: [parsed.data.team_id] } };
  }
  switch (body.type) {
    case 'block_actions': {
      const parsed = blockActionsSchema.safeParse(body);
      if (!parsed.success) return { kind: 'malformed' };
      if (!parsed.data.actions[0]!.action_id.startsWith(ACTION_PREFIX)) return { kind: 'ignored' };
      return interaction('action', parsed.data);
    }
    case 'view_submission': {
      const parsed = viewSubmissionSchema.safeParse(body);
      if (!parsed.success) return { kind: 'malformed' };
      if (!parsed.data.view.callback_id.startsWith(FORM_CALLBACK_PREFIX)) return { kind: 'ignored' };
      return interaction('view', parsed.data);
    }
    case 'event_callback': {
      const type = (body.event as { type?: unknown } | undefined)?.type;
      if (typeof type !== 'string') return { kind: 'malformed' };
      if (type !== 'app_home_opened') return { kind: 'ignored' };
      const parsed = appHomeOpenedSchema.safeParse(body);
      if (!parsed.success) return { kind: 'malformed' };
      return { kind: 'home', body: parsed.data, requester: { userId: parsed.data.event.user, workspaceId: parsed.data.team_id, teams: [parsed.data.team_id] } };
    }
    // Shortcuts, closed modals, option requests and the like: nothing of ours listens for them.
    case 'view_closed':
    case 'shortcut':
    case 'message_action':
    case 'block_suggestion':
    case 'interactive_message':
      return { kind: 'ignored' };
    default:
      return { kind: 'malformed' };
  }
}

/** The user acts from their own team; every team the payload names must be connected. */
function interaction<K extends 'action' | 'view', B extends z.infer<typeof blockActionsSchema> | z.infer<typeof viewSubmissionSchema>>(kind: K, body: B) {
  const teams = [body.team?.id, body.user.team_id].filter((t): t is string => Boolean(t));
  const workspaceId = body.user.team_id ?? body.team?.id ?? '';
  return { kind, body, requester: { userId: body.user.id, workspaceId, teams } } as Extract<SlackRequest, { kind: K }>;
}

/** Whether the command text is something we can read: not too long, no control characters. */
export function readableCommandText(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length <= COMMAND_TEXT_MAX && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}

function allowedResponseUrl(url: unknown, origins: readonly string[]): boolean {
  if (typeof url !== 'string' || url.length > 1_000) return false;
  try {
    const parsed = new URL(url);
    return origins.includes(parsed.origin) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if (contentType?.includes('application/json')) return asObject(JSON.parse(raw));
    const form = Object.fromEntries(new URLSearchParams(raw));
    return typeof form.payload === 'string' ? asObject(JSON.parse(form.payload)) : form;
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
