// GET /healthz: 200 when the database answers, 503 when it does not or the replica is shutting
// down (readiness: the load balancer stops sending it requests). Load balancers read this.
import type { Route } from './server.js';
import { sendJson } from './server.js';
import type { Store } from './store/db.js';

export function healthRoute(store: Store, started: Date, draining: () => boolean = () => false): Route {
  return {
    method: 'GET',
    path: '/healthz',
    whileDraining: true,
    handler: async (_req, res) => {
      if (draining()) {
        sendJson(res, 503, { status: 'draining', driver: store.kind });
        return;
      }
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
