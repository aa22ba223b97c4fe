// Configuration is read once, validated, and fails fast with one line per bad variable.
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const hour = (fallback: number) => z.coerce.number().int().min(0).max(24).default(fallback);

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(z.string().url('expected a postgres:// URL').optional()),
    // Database roles (docs/operations.md): `quorum migrate` connects with DATABASE_OWNER_URL when set
    // (else DATABASE_URL) and grants the runtime privileges to QUORUM_DB_RUNTIME_ROLE; everything
    // else connects with DATABASE_URL, the runtime role. Neither is needed with a single role.
    DATABASE_OWNER_URL: optionalText.pipe(z.string().url('expected a postgres:// URL').optional()),
    QUORUM_DB_RUNTIME_ROLE: optionalText.pipe(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a role name like quorum_app (lower case, digits, _)').optional()),
    QUORUM_DATA_DIR: z.string().default('./.quorum'),
    QUORUM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    QUORUM_SWEEP_CRON: z.string().default('*/15 * * * *'),
    QUORUM_SCHEDULER: z.enum(['on', 'off']).default('on'),
    QUORUM_NUDGE_START_HOUR: hour(8),
    QUORUM_NUDGE_END_HOUR: hour(18),
    QUORUM_PUBLIC_URL: optionalText,
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
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  })
  .superRefine((c, ctx) => {
    if (c.QUORUM_NUDGE_START_HOUR >= c.QUORUM_NUDGE_END_HOUR) {
      ctx.addIssue({ code: 'custom', path: ['QUORUM_NUDGE_START_HOUR'], message: 'must be before QUORUM_NUDGE_END_HOUR' });
    }
    if (Boolean(c.SLACK_SIGNING_SECRET) !== Boolean(c.SLACK_BOT_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together: set both or neither' });
    }
    const teams = [c.MICROSOFT_APP_ID, c.MICROSOFT_APP_PASSWORD].filter(Boolean).length;
    if (teams === 1) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD go together: set both or neither' });
    }
    if (c.NODE_ENV === 'production' && !c.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required in production: the embedded database is for trying Quorum out' });
    }
  });

export type Config = z.infer<typeof configSchema>;

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

export function slackEnabled(c: Config): boolean {
  return Boolean(c.SLACK_SIGNING_SECRET && c.SLACK_BOT_TOKEN);
}

export function teamsAuthEnabled(c: Config): boolean {
  return Boolean(c.MICROSOFT_APP_ID && c.MICROSOFT_APP_PASSWORD);
}
