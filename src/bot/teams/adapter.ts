// The Bot Framework side: a CloudAdapter (teams-ai's TeamsAdapter) that enforces Bot Framework
// authentication with the app's credentials, or, in local mode (QUORUM_TEAMS_LOCAL=true, refused
// in production by config.ts), accepts activities unauthenticated. Authentication runs here, before
// the turn and bounded in time, so a request that cannot be verified is a 401 or a 503, never a hang.
import { CallerIdConstants, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
// The module itself, not the package's index: the index loads teams-ai's AI planners and tokenizers,
// which Quorum never uses (about 80 ms of `quorum serve`'s start).
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Logger } from 'pino';
import { teamsMode, type Config } from '../../config.js';
import { checkChannelToken } from './auth/channel-token.js';
import { shareSigningKeysWithConnector, signingKeysFor, SigningKeysUnavailableError } from './auth/signing-keys.js';

/** Well inside the Bot Framework Service's 15 s, and over the key fetch's own 5 s. */
export const AUTH_DEADLINE_MS = 8_000;

export interface TeamsAdapterOptions {
  /**
   * Tests only: where the channel's OpenID metadata is (a fake on 127.0.0.1). Never read from the
   * environment: in production the keys always come from Microsoft's login service.
   */
  openIdMetadataUrl?: string;
}

type AdapterSettings = NonNullable<ConstructorParameters<typeof TeamsAdapter>[0]>;

export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; code: string };

export class QuorumTeamsAdapter extends TeamsAdapter {
  constructor(
    settings: AdapterSettings,
    private readonly auth: { appId: string; metadataUrl: string } | null,
  ) {
    super(settings);
  }

  /** Verifies the request's token (local mode: nothing to verify) within AUTH_DEADLINE_MS. */
  async authenticate(activity: Partial<Activity>, authorization: string | undefined): Promise<AuthOutcome> {
    if (!this.auth) return { ok: true, result: await this.botFrameworkAuthentication.authenticateRequest(activity as Activity, '') };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<AuthOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, status: 503, code: 'TEAMS_AUTH_TIMEOUT' }), AUTH_DEADLINE_MS);
    });
    try {
      return await Promise.race([this.verify(activity, authorization ?? '', this.auth), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs the turn for an authenticated activity; the invoke response, if any. */
  runTurn(result: AuthenticateRequestResult, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity as Activity, logic);
  }

  private async verify(activity: Partial<Activity>, authorization: string, auth: { appId: string; metadataUrl: string }): Promise<AuthOutcome> {
    const verdict = await checkChannelToken(authorization, { serviceUrl: activity.serviceUrl ?? '', channelId: activity.channelId ?? '' }, {
      appId: auth.appId,
      issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      keys: signingKeysFor(auth.metadataUrl),
    });
    if (!verdict.ok) return verdict;
    // botframework-connector checks the same token again, with the same shared keys.
    try {
      return { ok: true, result: await this.botFrameworkAuthentication.authenticateRequest(activity as Activity, authorization) };
    } catch (err) {
      if (err instanceof SigningKeysUnavailableError) return { ok: false, status: 503, code: err.code };
      if (err instanceof AuthenticationError || (err as Error)?.name?.endsWith('TokenError')) return { ok: false, status: 401, code: 'TEAMS_AUTH_REFUSED' };
      return { ok: false, status: 503, code: 'TEAMS_AUTH_FAILED' };
    }
  }
}

export interface TeamsAdapterHandle {
  adapter: QuorumTeamsAdapter;
  /** The bot's app id ('' in local mode): proactive sends continue conversations as this app. */
  appId: string;
  localMode: boolean;
}

export function createTeamsAdapter(config: Config, log: Logger, opts: TeamsAdapterOptions = {}): TeamsAdapterHandle {
  const mode = teamsMode(config);
  if (mode === 'off') throw new Error('Teams is off: mountTeams does not create an adapter without credentials or QUORUM_TEAMS_LOCAL=true');
  shareSigningKeysWithConnector();
  const local = mode === 'local';
  const metadataUrl = opts.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;
  const settings: AdapterSettings = local
    ? {}
    : {
        MicrosoftAppId: config.MICROSOFT_APP_ID,
        MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
        MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
        MicrosoftAppType: config.MICROSOFT_APP_TYPE,
        ...(opts.openIdMetadataUrl ? publicCloudWith(opts.openIdMetadataUrl) : {}),
      };
  const adapter = new QuorumTeamsAdapter(settings, local ? null : { appId: config.MICROSOFT_APP_ID!, metadataUrl });
  // Last resort only: handlers catch their own errors. Ids and codes, never the activity's text.
  adapter.onTurnError = async (context, error) => {
    log.error({ code: (error as { code?: string }).code ?? 'TEAMS_TURN_FAILED', type: error?.name, activityType: context.activity?.type }, 'teams turn failed');
  };
  return { adapter, appId: local ? '' : config.MICROSOFT_APP_ID!, localMode: local };
}

/**
 * Naming one endpoint makes botframework-connector expect all of them, so the rest are the public
 * cloud's own values: only the metadata URL differs from production.
 */
function publicCloudWith(openIdMetadataUrl: string): AdapterSettings {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
