// Child process for the killed-sweep test: dispatches against Postgres with a sender that never
// returns, says which row it is sending, and waits to be killed between `sending` and `sent`.
import { dispatch } from '../../../src/bot/scheduler/dispatch.js';
import { openStore } from '../../../src/store/db.js';

const [url, at] = process.argv.slice(2);
const store = await openStore({ databaseUrl: url!, poolSize: 2 });
await dispatch(store.db, new Date(at!), {
  senders: [
    {
      channel: 'slack',
      send: (recipient) => {
        process.stdout.write(`SENDING ${recipient.personId}\n`);
        return new Promise(() => {});
      },
    },
  ],
  leaseMs: 60_000,
});
