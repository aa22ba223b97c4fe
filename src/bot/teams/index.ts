// Mounts the Teams bot at POST /api/messages: a teams-ai Application on botbuilder's CloudAdapter,
// and the `teams` sender for proactive nudges. Off unless Bot Framework credentials are set or
// local mode is asked for (config.ts teamsMode). Everything Teams-specific lives under src/bot/teams.
import { teamsAllowedTenants, teamsMode } from '../../config.js';
import type { AppContext, Mounted } from '../plugin.js';
import { createTeamsAdapter, type TeamsAdapterOptions } from './adapter.js';
import { createTeamsApp, CORRELATION_KEY } from './app.js';
import { processTeamsRequest } from './http-bridge.js';
import { createTeamsSender } from './sender.js';

export const TEAMS_PATH = '/api/messages';

export async function mountTeams(ctx: AppContext, opts: TeamsAdapterOptions = {}): Promise<Mounted> {
  if (teamsMode(ctx.config) === 'off') return {};
  const log = ctx.log.child({ component: 'teams' });
  const { adapter, appId, localMode } = createTeamsAdapter(ctx.config, log, opts);
  const identity = { localMode, localUserEmail: ctx.config.QUORUM_TEAMS_LOCAL_USER };
  const allowedTenants = teamsAllowedTenants(ctx.config);
  const app = createTeamsApp({ adapter, appId, core: ctx.core, log, identity });
  // Turns still running after their early answer (http-bridge.ts): shutdown waits for them.
  const inFlight = new Set<Promise<void>>();
  const track = async (work: Promise<void>) => {
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };
  return {
    routes: [
      {
        method: 'POST',
        path: TEAMS_PATH,
        handler: (req, res) =>
          track(
            processTeamsRequest(
              adapter,
              req,
              res,
              async (context) => {
                context.turnState.set(CORRELATION_KEY, req.correlationId);
                await app.run(context);
              },
              { localMode, allowedTenants, log: log.child({ correlationId: req.correlationId }) },
            ),
          ),
      },
    ],
    senders: [createTeamsSender(adapter, appId)],
    settled: () => Promise.allSettled([...inFlight]).then(() => undefined),
    stop: () => Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 10_000).unref())]).then(() => undefined),
  };
}
