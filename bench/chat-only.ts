// Chat latency alone, on a database `npm run bench` already loaded (quorum_bench, or DATABASE_URL):
//   node bin/run-ts.js bench/chat-only.ts [slack|teams]
// For iterating on the chat path; figures for docs/benchmarks.md come from `npm run bench`.
import { runChatBench } from './chat-bench.js';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/quorum_bench';
const arg = process.argv.at(-1);
const only = arg === 'slack' || arg === 'teams' ? arg : undefined;
const figures = await runChatBench(url, { clients: Number(process.env.BENCH_CLIENTS ?? 50), seconds: Number(process.env.BENCH_SECONDS ?? 10), only }, (s) => console.log(`[bench] ${s}`));
for (const f of [figures.slack, figures.teams]) {
  if (f.requests) console.log(`[bench] ${f.platform} reply: p50 ${f.reply!.p50.toFixed(1)} ms, p99 ${f.reply!.p99.toFixed(1)} ms, max ${f.reply!.max.toFixed(1)} ms, missing ${f.reply!.missing}, errors ${f.reply!.errors}`);
}
process.exit(0);
