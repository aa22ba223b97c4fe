// Mounts the Teams bot at POST /api/messages: a teams-ai Application on botbuilder's CloudAdapter,
// and the `teams` sender for proactive nudges. Everything Teams-specific lives under src/bot/teams.
import type { AppContext, Mounted } from '../plugin.js';
import { createTeamsAdapter } from './adapter.js';
import { createTeamsApp, CORRELATION_KEY } from './app.js';
import { processTeamsRequest } from './http-bridge.js';
import { createTeamsSender } from './sender.js';

export const TEAMS_PATH = '/api/messages';

export async function mountTeams(ctx: AppContext): Promise<Mounted> {
  const log = ctx.log.child({ component: 'teams' });
  const { adapter, appId } = createTeamsAdapter(ctx.config, log);
  const app = createTeamsApp({ adapter, appId, core: ctx.core, log });
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
          track(processTeamsRequest(
            adapter,
            req,
            res,
            async (context) => {
              context.turnState.set(CORRELATION_KEY, req.correlationId);
              await app.run(context);
            },
            log.child({ correlationId: req.correlationId }),
          )),
      },
    ],
    senders: [createTeamsSender(adapter, appId)],
    settled: () => Promise.allSettled([...inFlight]).then(() => undefined),
    stop: () => Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 10_000).unref())]).then(() => undefined),
  };
}
