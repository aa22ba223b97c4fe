// One replica running `quorum tick --at …` (runTick with the platform senders) in one process, in
// step with the others: it reads an ISO instant per line on stdin, ticks at it, and answers
// `done <instant> <json counts>`. Replicas share one clock in life, so the test keeps them in step.
import readline from 'node:readline';
import { runTick } from '../../../src/bot/scheduler/tick.js';
import { createPlatformSenders } from '../../../src/cli/platform-senders.js';
import { loadConfig } from '../../../src/config.js';
import { openStore } from '../../../src/store/db.js';

const config = loadConfig();
const store = await openStore({ databaseUrl: config.DATABASE_URL });
const senders = await createPlatformSenders(store);
process.stdout.write('ready\n');
for await (const line of readline.createInterface({ input: process.stdin })) {
  const at = line.trim();
  if (!at) continue;
  const counts: Record<string, number> = {};
  const lines = await runTick(store.db, new Date(at), { senders, hours: { start: 8, end: 18 }, morningHour: 9 });
  for (const l of lines) counts[l.status] = (counts[l.status] ?? 0) + 1;
  process.stdout.write(`done ${at} ${JSON.stringify(counts)}\n`);
}
await store.close();
process.exit(0);
