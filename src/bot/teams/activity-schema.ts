// What a Teams activity must look like before anything reads it: the adapter boundary. Only the
// activity types Quorum handles get through, with every field it or the SDK reads typed and
// bounded, and unknown fields dropped. Anything else is a 400 with a code, never a 500 deeper in.
import { z } from 'zod';

/** Strings must be well-formed UTF-16 without NUL: Postgres refuses both (22021) deep inside a turn. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isUnsafe = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
const MAX_DEPTH = 24;

const id = z.string().min(1).max(512);
const short = (max: number) => z.string().max(max);

const account = z.object({
  id,
  name: short(256).optional(),
  aadObjectId: short(64).optional(),
  role: short(32).optional(),
});

const conversation = z.object({
  id,
  name: short(256).optional(),
  conversationType: short(32).optional(),
  tenantId: short(64).optional(),
  isGroup: z.boolean().optional(),
});

const named = z.object({ id: short(512), name: short(256).optional(), aadGroupId: short(64).optional() });

const channelData = z.object({
  tenant: z.object({ id: short(64) }).optional(),
  team: named.optional(),
  channel: named.optional(),
  teamsTeamId: short(512).optional(),
  teamsChannelId: short(512).optional(),
  eventType: short(64).optional(),
});

/** The SDK strips the bot's @mention by reading these (botbuilder TurnContext.removeMentionText). */
const mention = z.object({ type: z.string().regex(/^mention$/i), mentioned: z.object({ id: short(512), name: short(256).optional() }), text: short(1024) });
const otherEntity = z.object({ type: short(64).refine((t) => t.toLowerCase() !== 'mention') }).catchall(z.unknown());

const attachment = z.object({ contentType: short(256), content: z.unknown().optional(), contentUrl: short(2048).optional(), name: short(256).optional() });

const timestamp = short(64).optional();

const base = z.object({
  id: id.optional(),
  timestamp,
  localTimestamp: timestamp,
  localTimezone: short(64).optional(),
  serviceUrl: z
    .string()
    .max(2048)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL'),
  channelId: z.literal('msteams'),
  from: account,
  recipient: account,
  conversation,
  channelData: channelData.optional(),
  locale: short(32).optional(),
  entities: z.array(z.union([mention, otherEntity])).max(50).optional(),
  replyToId: id.optional(),
});

const message = base.extend({
  type: z.literal('message'),
  text: short(30_000).default(''),
  textFormat: short(32).optional(),
  attachments: z.array(attachment).max(20).optional(),
  value: z.unknown().optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
});

/** Card clicks and form submissions (universal actions): the only invoke Quorum answers. */
const cardAction = base.extend({
  type: z.literal('invoke'),
  name: z.literal('adaptiveCard/action'),
  value: z.object({
    action: z.object({ type: z.literal('Action.Execute'), verb: short(64).min(1), id: short(256).optional(), data: z.record(z.unknown()).optional() }),
    trigger: short(32).optional(),
  }),
});

const conversationUpdate = base.extend({
  type: z.literal('conversationUpdate'),
  membersAdded: z.array(account).max(100).optional(),
  membersRemoved: z.array(account).max(100).optional(),
});

export const teamsActivitySchema = z.discriminatedUnion('type', [message, cardAction, conversationUpdate]);

/** Types Teams sends that Quorum has nothing to do with: authenticated, then answered 200 with no turn. */
const IGNORED_TYPES = ['installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'typing', 'event', 'endOfConversation'] as const;
const ignoredActivity = base.extend({ type: z.enum(IGNORED_TYPES) });

export type TeamsActivity = z.infer<typeof teamsActivitySchema> | z.infer<typeof ignoredActivity>;

export type ParsedActivity =
  | { kind: 'activity'; activity: TeamsActivity; runsTurn: boolean }
  | { kind: 'invalid'; code: 'BAD_ACTIVITY' | 'UNSUPPORTED_ACTIVITY'; field: string };

export function parseTeamsActivity(body: unknown): ParsedActivity {
  const unsafe = findUnsafeValue(body, 0);
  if (unsafe !== null) return { kind: 'invalid', code: 'BAD_ACTIVITY', field: fieldOf(unsafe) };
  const type = (body as { type?: unknown }).type;
  if ((IGNORED_TYPES as readonly unknown[]).includes(type)) {
    const ignored = ignoredActivity.safeParse(body);
    return ignored.success ? { kind: 'activity', activity: ignored.data, runsTurn: false } : invalid('BAD_ACTIVITY', ignored.error);
  }
  if (type === 'invoke' && (body as { name?: unknown }).name !== 'adaptiveCard/action') return { kind: 'invalid', code: 'UNSUPPORTED_ACTIVITY', field: 'name' };
  const parsed = teamsActivitySchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.code === 'invalid_union_discriminator' ? 'UNSUPPORTED_ACTIVITY' : 'BAD_ACTIVITY', parsed.error);
  return { kind: 'activity', activity: parsed.data, runsTurn: true };
}

function invalid(code: 'BAD_ACTIVITY' | 'UNSUPPORTED_ACTIVITY', error: z.ZodError): ParsedActivity {
  return { kind: 'invalid', code, field: fieldOf(error.issues[0]?.path.join('.') ?? '') };
}

const KNOWN_FIELDS = new Set([...Object.keys(message.shape), ...Object.keys(cardAction.shape), ...Object.keys(conversationUpdate.shape)]);

/** Logged beside the code: only a field name Quorum knows, never a key or value the sender chose. */
function fieldOf(path: string): string {
  const top = path.split('.')[0] ?? '';
  return KNOWN_FIELDS.has(top) ? top : '(other)';
}

/** The path of the first string with NUL or a lone surrogate, or of nesting too deep; null when none. */
function findUnsafeValue(value: unknown, depth: number, path = ''): string | null {
  if (typeof value === 'string') return isUnsafe(value) ? path || '(root)' : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return path || '(root)';
  for (const [k, v] of Object.entries(value)) {
    if (isUnsafe(k)) return `${path}.(key)`;
    const found = findUnsafeValue(v, depth + 1, path ? `${path}.${k}` : k);
    if (found !== null) return found;
  }
  return null;
}
