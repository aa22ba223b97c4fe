// The platform-neutral contract between the core and the Slack and Teams adapters. The core
// returns Views, Forms and outbox rows; the adapters only parse payloads and render these.
import type { Store } from '../../store/db.js';
import type { Recipient } from '../../store/recipients.js';

export type { Recipient } from '../../store/recipients.js';

/** `web`: the answer page, for a person named by a signed link the adapter has already verified. */
export type Platform = 'slack' | 'teams' | 'cli' | 'web';

/** Who is asking. `email` is the platform-verified address (Slack profile, Teams account). */
export interface ChatUser {
  platform: Platform;
  /**
   * Where `userId` is unique: the Slack team id (T…, also on Enterprise Grid: a link made in one
   * workspace of an org does not carry over to another), the Teams tenant id; `cli` for the CLI.
   */
  workspaceId: string;
  userId: string;
  /**
   * True when `workspaceId` is the workspace Quorum is installed in (Slack: the bot token's team):
   * only there do ids given by import name this user. Unset counts as true.
   */
  homeWorkspace?: boolean;
  email?: string | null;
  /** False when the platform says the user has not confirmed `email`: then it links nobody. */
  emailConfirmed?: boolean;
  /**
   * Asked only when the user is not linked yet (Slack users.info, Teams roster): saves a call per
   * request. Returns only an address the platform says the user confirmed.
   */
  lookupEmail?: () => Promise<string | null>;
  /**
   * Slack: the confirmed email of another user of the asker's own workspace (users.info), so a
   * mention of someone Quorum knows only by email finds them. Null when Slack does not confirm it.
   */
  lookupEmailOf?: (userId: string) => Promise<string | null>;
  /** Teams: where to reach this user proactively, stored on first contact. */
  conversationRef?: Record<string, unknown> | null;
}

export interface CoreDeps {
  store: Store;
  /** The channels this Quorum runs (chat platforms configured, email when SMTP is set): `case` says who none reaches. */
  channels?: readonly Channel[];
  /** Called after a reply whose transaction wrote outbox rows, so they go out at once. */
  kick?: () => void;
  /** London hour a "morning" nudge (and a snoozed one) falls due; 9 unless nudge hours start later. */
  morningHour?: number;
  /** When the dispatcher sends (London hours, working days): a receipt says when a notice will go. */
  nudgeHours?: { start: number; end: number };
  /** Told which cases a request re-planned, after its transaction committed (metrics, tests). */
  onReplanned?: (caseIds: readonly number[]) => void;
}

export interface RequestContext {
  user: ChatUser;
  correlationId: string;
  now: Date;
  /** Platform retry id (Slack X-Slack-Retry-Num + trigger, Teams activity id): replays are no-ops. */
  idempotencyKey?: string;
}

// ---- Views -------------------------------------------------------------------------------------

/** Text is plain, with `*bold*` as the only markup; renderers escape everything else. */
export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; actions: Action[] };

export interface View {
  /** One line for notifications and clients that cannot show blocks. */
  fallback: string;
  blocks: Block[];
}

export const ACTION_IDS = [
  'attend',
  'deputy',
  'report_only',
  'decline',
  'report_submitted',
  'report_shared',
  'report_withheld',
  'snooze',
  'dissent_open',
  'outcome_open',
  'book_anyway',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** What a button carries back. Small: Slack caps a button value at 2000 characters. */
export interface ActionPayload {
  a: ActionId;
  /** case reference */
  c: string;
  /** conference key */
  f?: string;
  /** nudge (outbox row) id, when the button sits on a nudge */
  n?: number;
  /** "Book anyway": the command to run, ending in --confirm */
  t?: string;
}

export interface Action {
  label: string;
  style?: 'primary' | 'danger';
  payload: ActionPayload;
}

// ---- Forms (Slack modal, Adaptive Card inputs) -------------------------------------------------

export const FORM_IDS = ['dissent', 'deputy', 'withhold', 'outcome'] as const;
export type FormId = (typeof FORM_IDS)[number];

export type FormField =
  | { type: 'choice'; id: string; label: string; options: { value: string; label: string }[]; required: boolean; multi?: boolean; initial?: string; requiredMessage?: string }
  | { type: 'text'; id: string; label: string; multiline: boolean; required: boolean; minLength?: number; maxLength: number; placeholder?: string }
  | { type: 'date'; id: string; label: string; required: boolean }
  | { type: 'toggle'; id: string; label: string };

export interface Form {
  id: FormId;
  title: string;
  submitLabel: string;
  /** Shown above the fields: which case, which conference, any deadline and its standard. */
  intro: Block[];
  fields: FormField[];
  /** Round-tripped untouched by the platform (Slack private_metadata, Adaptive Card data). */
  state: ActionPayload;
}

export type FormValues = Record<string, string | string[] | boolean | undefined>;

// ---- Replies -----------------------------------------------------------------------------------

/** One conference in a person's calendar feed (reference and initials only). */
export interface FeedEntry {
  caseRef: string;
  conferenceId: number;
  type: 'initial' | 'review';
  at: string;
  status: string;
  initials: string[];
}

/** A deadline of the person's own, for their calendar feed: what is due, by when, and the standard. */
export interface FeedDeadline {
  caseRef: string;
  caseId: number;
  key: string;
  /** The conference it belongs to, if any (keeps one deadline per conference apart). */
  conference?: string;
  /** London calendar date it falls due. */
  due: string;
  /** "Professionals' reports: CP-0001 (A.B.)": reference and initials only. */
  summary: string;
  /** The rules' explanation, naming the standard. */
  explanation: string;
}

export interface CoreReply {
  /** The person's conferences, for their calendar feed. */
  calendar?: FeedEntry[];
  /** The person's own open deadlines, for their calendar feed. */
  calendarDeadlines?: FeedDeadline[];
  /** Shown to the asker only (Slack: ephemeral; Teams: a reply in the personal chat). */
  view?: View;
  /** Open this form (Slack: views.open; Teams: a card with inputs). */
  form?: Form;
  /** After a card click: replace the clicked message with `view`. */
  replace?: boolean;
  /** A refusal or validation error: adapters may show it differently, nothing was written. */
  error?: { code: string; message: string; field?: string };
}

// ---- Delivery (the scheduler's ports; Slack and Teams implement them) ----------------------------

export type Channel = 'slack' | 'teams' | 'email';

export interface SendResult {
  messageId: string;
  channelId?: string;
}

/** What the dispatcher knows of the row being sent: ids and codes (email builds its links and calendar from them). */
export interface OutgoingNudge {
  nudgeId: number;
  kind: string;
  caseId: number;
  conferenceId: number | null;
  /** The row's payload beyond its view (ids and codes only, never free text). */
  meta: Record<string, unknown>;
}

export interface ChannelSender {
  readonly channel: Channel;
  /** Whether this sender reaches the person is src/bot/core/reach.ts's answer, not the sender's. */
  send(recipient: Recipient, view: View, nudge?: OutgoingNudge): Promise<SendResult>;
  /**
   * Before falling back to email: find and link this person on the platform by their email
   * (Slack users.lookupByEmail). Returns the recipient as now reachable, or undefined.
   */
  discover?(recipient: Recipient): Promise<Recipient | undefined>;
  /** Replaces a message sent earlier (Slack chat.update, Teams updateActivity); throws a DeliveryError when it cannot. */
  update?(recipient: Recipient, message: SendResult, view: View): Promise<void>;
}

/** A sender's failure: retried with backoff unless permanent; `retryAfterMs` honours a 429. */
export class DeliveryError extends Error {
  readonly code = 'DELIVERY_FAILED';
  constructor(
    message: string,
    readonly opts: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
  }
}
