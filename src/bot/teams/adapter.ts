// The Bot Framework side: a CloudAdapter (teams-ai's TeamsAdapter) that enforces Bot Framework
// authentication when the app's credentials are set, and runs in local mode (no authentication,
// for the Agents Playground and tests) when they are not. Local mode never runs in production.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { teamsAuthEnabled, type Config } from '../../config.js';

export class TeamsConfigError extends Error {
  readonly code = 'TEAMS_LOCAL_MODE_IN_PRODUCTION';
  constructor() {
    super(
      'Teams: refusing to start without Bot Framework authentication in production. ' +
        'Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (and MICROSOFT_APP_TYPE), or run with NODE_ENV other than production for local mode.',
    );
  }
}

export interface TeamsAdapterHandle {
  adapter: TeamsAdapter;
  /** The bot's app id ('' in local mode): proactive sends continue conversations as this app. */
  appId: string;
  localMode: boolean;
}

export function createTeamsAdapter(config: Config, log: Logger): TeamsAdapterHandle {
  const auth = teamsAuthEnabled(config);
  if (!auth && config.NODE_ENV === 'production') throw new TeamsConfigError();
  const adapter = auth
    ? new TeamsAdapter({
        MicrosoftAppId: config.MICROSOFT_APP_ID,
        MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
        MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
        MicrosoftAppType: config.MICROSOFT_APP_TYPE,
      })
    : new TeamsAdapter({});
  // Last resort only: handlers catch their own errors. Ids and codes, never the activity's text.
  adapter.onTurnError = async (context, error) => {
    log.error({ code: (error as { code?: string }).code ?? 'TEAMS_TURN_FAILED', type: error?.name, activityType: context.activity?.type }, 'teams turn failed');
  };
  return { adapter, appId: auth ? config.MICROSOFT_APP_ID! : '', localMode: !auth };
}
