// Chat latency alone, on a database `npm run bench` already loaded (quorum_bench, or DATABASE_URL):
//   node bin/run-ts.js bench/chat-only.ts [--clients 50] [--seconds 10] [--rounds 2]
// For iterating on the chat path (after `npm run build`); figures for docs/ come from `npm run bench`.
import { runChatBench } from './chat-bench.js';
import { readOptions } from './options.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/quorum_bench';
const opts = readOptions(process.argv.slice(3));
const figures = await runChatBench(url, opts, (s) => console.log(`[bench] ${s}`));
console.log(JSON.stringify({ rows: figures.rows, floorErrors: figures.floorErrors, statements: figures.statements }, null, 2));
process.exit(0);
