// GET /healthz: 200 when the database answers, 503 when it does not. Load balancers read this.
import type { Route } from './server.js';
import { sendJson } from './server.js';
import type { Store } from './store/db.js';

export function healthRoute(store: Store, started: Date): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      const database = await store.ping(2000);
      sendJson(res, database ? 200 : 503, {
        status: database ? 'ok' : 'unavailable',
        database: database ? 'up' : 'down',
        driver: store.kind,
        uptimeSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      });
    },
  };
}
