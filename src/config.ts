// Configuration is read once, validated, and fails fast with one line per bad variable.
import cron from 'node-cron';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const TENANT_LIST = /^\s*[0-9a-fA-F-]{36}\s*(,\s*[0-9a-fA-F-]{36}\s*)*$/;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const guid = optionalText.pipe(z.string().regex(GUID, 'expected a GUID like 00000000-0000-0000-0000-000000000000').optional());

const hour = (fallback: number) => z.coerce.number().int().min(0).max(24).default(fallback);

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Unset: every interface, or loopback only in Teams local mode (see listenHost).
    HOST: optionalText,
    DATABASE_URL: optionalText.pipe(z.string().url('expected a postgres:// URL').optional()),
    // Database roles (docs/operations.md): `quorum migrate` connects with DATABASE_OWNER_URL when set
    // (else DATABASE_URL) and grants the runtime privileges to QUORUM_DB_RUNTIME_ROLE; everything
    // else connects with DATABASE_URL, the runtime role. Neither is needed with a single role.
    DATABASE_OWNER_URL: optionalText.pipe(z.string().url('expected a postgres:// URL').optional()),
    QUORUM_DB_RUNTIME_ROLE: optionalText.pipe(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a role name like quorum_app (lower case, digits, _)').optional()),
    QUORUM_DATA_DIR: z.string().default('./.quorum'),
    QUORUM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    QUORUM_LOG_FORMAT: optionalText.pipe(z.enum(['json']).optional()),
    // Checked here, not when the scheduler starts: a typo must stop the start before the database.
    QUORUM_SWEEP_CRON: z
      .string()
      .default('*/15 * * * *')
      .refine((e) => cron.validate(e), 'expected a cron expression like */15 * * * *'),
    QUORUM_SCHEDULER: z.enum(['on', 'off']).default('on'),
    QUORUM_NUDGE_START_HOUR: hour(8),
    QUORUM_NUDGE_END_HOUR: hour(18),
    // Where Slack, Teams and invitees' browsers reach this deployment (manifests, email links).
    QUORUM_PUBLIC_URL: optionalText.pipe(
      z
        .string()
        .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'expected the public address, like https://quorum.council.example')
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    // Email: SMTP through nodemailer (smtp:// upgrades with STARTTLS where offered; smtps:// is TLS from the start).
    SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://user:pass@host:587 or smtps://…').optional()),
    QUORUM_MAIL_FROM: optionalText.pipe(z.string().email('expected the address emails come from, e.g. quorum@council.gov.uk').optional()),
    // Signs the links in emails. Required in production; generated per run (with a warning) elsewhere.
    QUORUM_LINK_SECRET: optionalText.pipe(z.string().min(32, 'expected at least 32 characters (e.g. openssl rand -hex 32)').optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText,
    SLACK_API_URL: optionalText.pipe(z.string().url('expected a URL').optional()),
    SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'expected a slash command like /cp').default('/cp'),
    // Workspaces (team ids) let in besides the bot token's own, e.g. other workspaces of an Enterprise Grid org.
    SLACK_ALLOWED_TEAMS: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^T[A-Z0-9]{2,40}$/, 'expected Slack team ids like T0123ABCD, separated by commas'))),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: guid,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    TEAMS_ALLOWED_TENANTS: optionalText.pipe(z.string().regex(TENANT_LIST, 'expected tenant ids (GUIDs) separated by commas').optional()),
    QUORUM_TEAMS_LOCAL: z.enum(['true', 'false'], { message: 'expected true or false' }).default('false'),
    QUORUM_TEAMS_LOCAL_USER: optionalText.pipe(z.string().email('expected the email of a person Quorum holds').optional()),
  })
  // Named, so startApp can run the same checks on a Config built in code (assertConfig).
  .superRefine((c, ctx): void => {
    refineConfig(c, ctx);
  });

export type Config = z.infer<typeof configSchema>;

function refineConfig(c: Config, ctx: Pick<z.RefinementCtx, 'addIssue'>): void {
  if (c.QUORUM_NUDGE_START_HOUR >= c.QUORUM_NUDGE_END_HOUR) {
    ctx.addIssue({ code: 'custom', path: ['QUORUM_NUDGE_START_HOUR'], message: 'must be before QUORUM_NUDGE_END_HOUR' });
  }
  if (Boolean(c.SLACK_SIGNING_SECRET) !== Boolean(c.SLACK_BOT_TOKEN)) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together: set both or neither' });
  }
  for (const [path, message] of teamsProblems(c)) ctx.addIssue({ code: 'custom', path: [path], message });
  if (c.NODE_ENV === 'production' && c.QUORUM_PUBLIC_URL?.startsWith('http:')) {
    ctx.addIssue({ code: 'custom', path: ['QUORUM_PUBLIC_URL'], message: 'must be https in production: Slack and Teams post only to https endpoints' });
  }
  for (const [path, message] of emailProblems(c)) ctx.addIssue({ code: 'custom', path: [path], message });
  if (c.NODE_ENV === 'production' && !c.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required in production: the embedded database is for trying Quorum out' });
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return result.data;
}

/**
 * The same refusals for a Config built in code (tests, the demo, a spread with overrides): startApp
 * calls it before any database work, so nothing is opened or migrated for a refused configuration.
 */
export function assertConfig(c: Config): void {
  const problems: string[] = [];
  refineConfig(c, { addIssue: (i) => void problems.push(`${i.path?.join('.') || '(env)'}: ${i.message}`) });
  if (problems.length) throw new ConfigError(problems);
}

export function slackEnabled(c: Config): boolean {
  return Boolean(c.SLACK_SIGNING_SECRET && c.SLACK_BOT_TOKEN);
}

export type TeamsMode = 'off' | 'local' | 'authenticated';

/** Teams is on only with Bot Framework credentials, or in local mode when asked for by name. */
export function teamsMode(c: Pick<Config, 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TYPE' | 'QUORUM_TEAMS_LOCAL'>): TeamsMode {
  if (c.QUORUM_TEAMS_LOCAL === 'true') return 'local';
  const msi = c.MICROSOFT_APP_TYPE === 'UserAssignedMSI';
  return c.MICROSOFT_APP_ID && (c.MICROSOFT_APP_PASSWORD || msi) ? 'authenticated' : 'off';
}

/** Tenants whose activities Teams accepts (lower case): the bot's own plus TEAMS_ALLOWED_TENANTS. */
export function teamsAllowedTenants(c: Pick<Config, 'MICROSOFT_APP_TENANT_ID' | 'TEAMS_ALLOWED_TENANTS'>): Set<string> {
  const listed = (c.TEAMS_ALLOWED_TENANTS ?? '').split(',').map((t) => t.trim());
  return new Set([c.MICROSOFT_APP_TENANT_ID ?? '', ...listed].map((t) => t.toLowerCase()).filter(Boolean));
}

/** Local mode has no authentication, so it never listens beyond this machine. */
export function listenHost(c: Pick<Config, 'HOST' | 'QUORUM_TEAMS_LOCAL'>): string {
  return c.HOST ?? (c.QUORUM_TEAMS_LOCAL === 'true' ? '127.0.0.1' : '0.0.0.0');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

type TeamsVariables = Pick<
  Config,
  'NODE_ENV' | 'HOST' | 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TENANT_ID' | 'MICROSOFT_APP_TYPE' | 'TEAMS_ALLOWED_TENANTS' | 'QUORUM_TEAMS_LOCAL' | 'QUORUM_TEAMS_LOCAL_USER'
>;

/** [variable, problem] pairs: each becomes one line of the ConfigError. */
function teamsProblems(c: TeamsVariables): [string, string][] {
  const out: [string, string][] = [];
  const msi = c.MICROSOFT_APP_TYPE === 'UserAssignedMSI';
  if (c.QUORUM_TEAMS_LOCAL === 'true') {
    if (c.NODE_ENV === 'production') out.push(['QUORUM_TEAMS_LOCAL', 'refused in production: Teams local mode has no authentication. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD instead']);
    if (c.MICROSOFT_APP_ID || c.MICROSOFT_APP_PASSWORD) out.push(['QUORUM_TEAMS_LOCAL', 'local mode is for running without Bot Framework credentials: unset it or unset MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD']);
    if (c.HOST && !isLoopbackHost(c.HOST)) out.push(['HOST', `Teams local mode has no authentication and listens on loopback only: set HOST=127.0.0.1 (or leave it unset), not ${c.HOST}`]);
    return out;
  }
  if (msi) {
    if (c.MICROSOFT_APP_PASSWORD) out.push(['MICROSOFT_APP_PASSWORD', 'not used with MICROSOFT_APP_TYPE=UserAssignedMSI: unset it']);
    if (c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) out.push(['MICROSOFT_APP_TENANT_ID', 'required with MICROSOFT_APP_TYPE=UserAssignedMSI']);
  } else if (Boolean(c.MICROSOFT_APP_ID) !== Boolean(c.MICROSOFT_APP_PASSWORD)) {
    out.push(['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD go together: set both or neither']);
  }
  if (teamsMode(c) === 'authenticated') {
    if (c.MICROSOFT_APP_TYPE === 'SingleTenant' && !c.MICROSOFT_APP_TENANT_ID) out.push(['MICROSOFT_APP_TENANT_ID', 'required with MICROSOFT_APP_TYPE=SingleTenant (the default)']);
    else if (teamsAllowedTenants(c).size === 0) out.push(['TEAMS_ALLOWED_TENANTS', 'Teams needs the tenants it serves: set MICROSOFT_APP_TENANT_ID or TEAMS_ALLOWED_TENANTS (comma-separated tenant ids)']);
  }
  return out;
}

export function emailEnabled(c: Pick<Config, 'SMTP_URL'>): boolean {
  return Boolean(c.SMTP_URL);
}

/** Email needs its sender address and a public address for its links; production needs a fixed link secret. */
function emailProblems(c: Pick<Config, 'NODE_ENV' | 'SMTP_URL' | 'QUORUM_MAIL_FROM' | 'QUORUM_PUBLIC_URL' | 'QUORUM_LINK_SECRET'>): [string, string][] {
  if (!c.SMTP_URL) return [];
  const out: [string, string][] = [];
  if (!c.QUORUM_MAIL_FROM) out.push(['QUORUM_MAIL_FROM', 'required with SMTP_URL: the address invitations and reminders come from']);
  if (!c.QUORUM_PUBLIC_URL) out.push(['QUORUM_PUBLIC_URL', 'required with SMTP_URL: emails link to QUORUM_PUBLIC_URL/respond/…']);
  if (c.NODE_ENV === 'production') {
    if (!c.QUORUM_LINK_SECRET) out.push(['QUORUM_LINK_SECRET', 'required in production with SMTP_URL: it signs the answer and calendar links (openssl rand -hex 32)']);
  }
  return out;
}
