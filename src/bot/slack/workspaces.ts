// Which Slack workspaces may use Quorum: the bot token's own (auth.test, asked once at start) and
// any listed in SLACK_ALLOWED_TEAMS. A request that names any other team is refused before Bolt or
// the core sees it. Until auth.test has answered, only the listed teams are let in.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorCode } from './reply.js';

export const NOT_CONNECTED_MESSAGE = 'This Slack workspace is not connected to Quorum.';
/** After a failed auth.test (Slack down, a network blip), ask again this often. */
const RETRY_MS = 60_000;

export class SlackWorkspaces {
  private home: string | undefined;
  private enterprise: string | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly listed: readonly string[]) {}

  /** The bot token's team (T…), once auth.test has answered. */
  get homeTeam(): string | undefined {
    return this.home;
  }

  /** Every team the request names must be connected, and it must name one. */
  admits(teams: readonly string[]): boolean {
    return teams.length > 0 && teams.every((t) => t === this.home || this.listed.includes(t));
  }

  /** Ids given by import are accounts of the home workspace only. */
  isHome(team: string): boolean {
    return this.home !== undefined && team === this.home;
  }

  /** Asks auth.test which workspace the token is for; on failure keeps asking in the background. */
  async connect(client: webApi.WebClient, log: Logger): Promise<void> {
    try {
      const res = await client.auth.test();
      const team = typeof res.team_id === 'string' && /^T[A-Z0-9]+$/.test(res.team_id) ? res.team_id : undefined;
      this.home = team;
      this.enterprise = typeof res.enterprise_id === 'string' && res.enterprise_id ? res.enterprise_id : undefined;
      if (team) log.info({ code: 'SLACK_CONNECTED', team, enterprise: this.enterprise, allowed: this.listed.length }, 'slack workspace connected');
      // An org-wide (Enterprise Grid) token names no one workspace: only the listed teams get in.
      else log.warn({ code: 'SLACK_NO_HOME_TEAM', enterprise: this.enterprise, allowed: this.listed.length }, 'slack token names no workspace: only SLACK_ALLOWED_TEAMS are accepted');
    } catch (err) {
      log.error({ code: 'SLACK_AUTH_TEST_FAILED', reason: errorCode(err), allowed: this.listed.length }, 'slack auth.test failed: only SLACK_ALLOWED_TEAMS are accepted until it answers');
      if (!this.stopped) this.retry = setTimeout(() => void this.connect(client, log), RETRY_MS).unref();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }
}
