// docs/benchmarks.md: the figures of one `npm run bench` against issue 21's targets, with the
// machine, the date, the command, what each figure measures and where the remaining time goes.
import type { ChatRow } from './chat-bench.js';
import type { BenchReport, machineOf } from './results.js';

export const TARGETS = { sweepRatio: 3, sweepRssMb: 300, chatRatio: 2, ackP99Ms: 50, helpRatio: 10, timelineRatio: 15, serveRatio: 15 };

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '-');
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '-');

function targetRows(r: BenchReport): string[] {
  const rows: string[] = [];
  const big = r.sweeps[r.sweeps.length - 1];
  const small = r.sweeps[0];
  if (big && small) {
    rows.push(`| sweep ÷ floor at ${big.cases.toLocaleString('en-GB')} open cases | ${x(big.ratio)} | ≤ ${TARGETS.sweepRatio}× | ${met(big.ratio <= TARGETS.sweepRatio)} |`);
    const flat = big.msPerCase <= small.msPerCase * 1.1;
    rows.push(`| sweep per-case cost ${small.cases.toLocaleString('en-GB')} → ${big.cases.toLocaleString('en-GB')} | ${small.msPerCase.toFixed(2)} → ${big.msPerCase.toFixed(2)} ms | flat or falling (within 10%) | ${met(flat)} |`);
    rows.push(`| sweep peak RSS at ${big.cases.toLocaleString('en-GB')} | ${big.sweepPeakRssMb.toFixed(0)} MB | ≤ ${TARGETS.sweepRssMb} MB | ${met(big.sweepPeakRssMb <= TARGETS.sweepRssMb)} |`);
  }
  if (r.chat) {
    for (const row of r.chat.rows.filter((c) => c.measure === 'reply')) {
      rows.push(`| ${row.platform} reply p99 ÷ chat floor p99, ${r.chat.clients} clients, mixed load | ${ms(row.p99Ms)} ÷ ${ms(row.floorP99Ms)} = ${x(row.ratio)}, ${row.errors} errors | ≤ ${TARGETS.chatRatio}×, 0 errors | ${met(row.ratio <= TARGETS.chatRatio && row.errors === 0)} |`);
    }
    for (const row of r.chat.rows.filter((c) => c.measure === 'ack')) {
      rows.push(`| ${row.platform === 'slack' ? 'Slack ack' : 'Teams HTTP answer (messages)'} p99 | ${ms(row.p99Ms)} | < ${TARGETS.ackP99Ms} ms | ${met(row.p99Ms < TARGETS.ackP99Ms)} |`);
    }
  }
  if (r.cli) {
    const limits = [TARGETS.helpRatio, TARGETS.timelineRatio];
    r.cli.cli.forEach((c, i) => rows.push(`| \`${c.command}\` ÷ \`node -e 0\` (median of ${r.cli!.runs}) | ${ms(c.medianMs)} ÷ ${ms(c.nodeMedianMs)} = ${x(c.ratio)} | ≤ ${limits[i]}× | ${met(c.ratio <= limits[i]!)} |`));
    const st = r.cli.start;
    rows.push(`| \`quorum serve\` ready ÷ a bare Node HTTP server's ready | ${ms(st.readyMs)} ÷ ${ms(st.bareMs)} = ${x(st.ratio)} | ≤ ${TARGETS.serveRatio}× | ${met(st.ratio <= TARGETS.serveRatio)} |`);
  }
  return rows;
}

function chatRow(c: ChatRow, samples: BenchReport['chat']): string {
  const q = samples!.samples[c.platform].quorum;
  const f = samples!.samples[c.platform].floor;
  const what = c.measure === 'ack' ? (c.platform === 'slack' ? 'Slack: HTTP answer (ack)' : 'Teams messages: HTTP answer') : c.platform === 'slack' ? 'Slack: reply at the response_url' : 'Teams: reply (connector post; a click\'s HTTP answer)';
  return `| ${what} | ${q.requests} (${q.writes} writes) / ${f.requests} | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${ms(c.floorP99Ms)} | ${x(c.ratio)} | ${c.errors} |`;
}

export function renderReport(r: BenchReport, machine: ReturnType<typeof machineOf>): string {
  const big = r.sweeps[r.sweeps.length - 1];
  const lines = [
    '# Benchmarks',
    '',
    'Synthetic data only: `bench/generate.ts` invents every case (children are initials, professionals are',
    '"social worker 123" at example.* addresses). Every figure is a ratio to a floor measured in the same run,',
    'so that it means the same on another machine. Regenerate this file, `docs/benchmarks.json` and the charts with:',
    '',
    '```sh',
    'npm run bench            # DATABASE_URL unset: drops and recreates quorum_bench on 127.0.0.1:5432',
    'npm run bench -- --quick # small sizes and short runs, for development: leaves docs/ alone',
    'npm run bench -- --help  # sizes, clients, seconds, rounds, CLI runs, parts',
    '```',
    '',
    `- Date: ${machine.date} (the bench took ${(r.totalSeconds / 60).toFixed(1)} min)`,
    `- Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ${machine.postgres} on the same machine`,
    `- Load average at the start and at the end: ${r.loadAverage.atStart.map((l) => l.toFixed(1)).join(', ')} / ${r.loadAverage.atEnd.map((l) => l.toFixed(1)).join(', ')} (the load generator, Postgres and Quorum share the same cores; other work on the machine shows up in these figures)`,
    ...(r.merged ?? []).map((m) => `- Measured again on ${m.at} and merged in: ${m.parts.join(', ')} (load average ${m.loadAverage.atStart.map((l) => l.toFixed(1)).join(', ')} / ${m.loadAverage.atEnd.map((l) => l.toFixed(1)).join(', ')})`),
    ...(r.stealPercent === undefined ? [] : [`- CPU steal during the bench: ${r.stealPercent.toFixed(0)}% of CPU time (taken by the hypervisor for other guests)`]),
    ...(big ? [`- Data set "as of" ${r.now.toISOString()}: ${Object.entries(big.rowsLoaded).map(([t, n]) => `${n.toLocaleString('en-GB')} ${t}`).join(', ')}; loaded with COPY in ${r.loadSeconds.toFixed(0)} s.`] : []),
    '',
    '## Against the targets (issue 21)',
    '',
    '| Figure | This run | Target | |',
    '|---|---|---|---|',
    ...targetRows(r),
    '',
  ];
  if (r.sweeps.length && Number.isFinite(r.sweeps[0]!.sweepMs)) {
    lines.push(
      '## Sweep cost',
      '',
      '![Sweep cost per case by size](bench-sweep.svg)',
      '',
      'A full scheduler sweep as the scheduler runs it (`sweep(db, now, { collect: false })` in',
      'src/bot/scheduler/sweep.ts: load every open case in batches of 250, plan every nudge, write the due ones',
      'to the outbox; no sending) on an empty outbox, from the build, in a process of its own. The floor is the',
      'same rows read with plain SELECTs through postgres.js in a process of its own, no planning and no',
      'writing: the least any sweep in Node must spend. Peak RSS is the process\'s maximum resident set.',
      '',
      '| Open cases | Floor (rows read) | Sweep | Sweep ÷ floor | Per case | Rows written | Peak RSS floor / sweep |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...r.sweeps.map((f) => `| ${f.cases.toLocaleString('en-GB')} | ${s(f.floorMs)} (${f.floorRowsRead.toLocaleString('en-GB')}) | ${s(f.sweepMs)} | ${x(f.ratio)} | ${f.msPerCase.toFixed(2)} ms | ${f.rowsWritten.toLocaleString('en-GB')} | ${f.floorPeakRssMb.toFixed(0)} / ${f.sweepPeakRssMb.toFixed(0)} MB |`),
      '',
      'Where the time beyond the floor goes (CPU profiles of `bench/sweep-worker.mjs sweep`): planning (the rules',
      'engine\'s `evaluate()` and nudge planning with each nudge\'s view), building each case\'s facts from the',
      'batch\'s JSON rows, writing the outbox, and garbage collection. Memory: `--trace-gc` showed the live heap',
      'after each full collection growing from 50 to 250 MB over a 50,000-case sweep: every due row the sweep',
      'planned (with its view) was kept for a result the scheduler only counted. The scheduler now asks for',
      'counts (`collect: false`) and the live heap stays at 35 to 45 MB after each full collection; what remains',
      'of the peak is V8 letting the heap grow to several times the live set between collections (to about 200 MB',
      'committed) while a batch and the next (loading behind it) are in memory, plus about 70 MB of Node and the',
      'loaded modules. The batch size bounds it, but weakly: at 50,000 cases 250 peaked at about 287 MB, 150 at',
      '272, 100 at 268. The worker is plain JavaScript on the build, as the scheduler runs: through a TypeScript',
      'loader it peaked 30 MB higher. The floor reads everything at once, hence its much larger peak.',
      '',
    );
  }
  if (r.chat) {
    const c = r.chat;
    lines.push(
      '## Chat latency on a mixed load',
      '',
      '![Reply latency distribution, Quorum and the floor](bench-latency.svg)',
      '',
      `${c.clients} concurrent closed-loop clients (half on Slack, half on Teams) against \`quorum serve\` (the build, Slack`,
      'and Bot Framework-authenticated Teams, QUORUM_SCHEDULER=off as a chat replica) on the largest database,',
      `then the same load against the chat floor, alternating, ${c.rounds} round(s) of ${c.seconds} s each side after 2 s of warm-up.`,
      'Each client is the social worker of cases of its own (a member of the case, invited to its next',
      'conference) and sends a request, waits for its reply, and sends the next: 70% reads (`next`, `case`,',
      '`mine`), 30% writes (attendance clicks that change the answer, and "report submitted"), so re-planning',
      'and card-update notices are in the measured path. Slack requests are signed (HMAC-SHA256 over',
      '`v0:timestamp:body`); Teams activities carry a channel token signed by a fake OpenID authority on',
      '127.0.0.1 (test/support/fake-openid.ts, loaded into serve by bench/preload/) and replies go to a fake',
      'connector (test/support/fake-connector.ts). Slack commands and clicks are acked at once and replied to at',
      'the response_url; Teams messages are answered 200 before their turn and replied to through the connector;',
      'a Teams click (Action.Execute) is answered with its refreshed card, so its HTTP answer is its reply.',
      '',
      '**The floor** (bench/chat-floor.ts) does only what no Quorum can avoid for the same request: it checks',
      'the Slack signature or the Teams token (with Quorum\'s own check and key source), answers as Quorum does,',
      'runs the SQL statements Quorum ran for that command, and posts a fixed reply of the same size. The',
      'statements are captured at the start of the run from Quorum\'s own query log (postgres.js\'s `debug` hook,',
      'bench/chat-capture.ts): one request of each kind on each platform, and the floor replays them with its',
      'request\'s case, person, conference and request ids in place of the captured ones.',
      '',
      '| Request | Requests Quorum (writes) / floor | p50 | p99 | Floor p99 | p99 ÷ floor | Errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...c.rows.map((row) => chatRow(row, c)),
      '',
      `Statements per command, captured this run (before the reply + after it; reply bytes): ${c.statements.map((t) => `${t.platform} ${t.kind} ${t.before}+${t.after} (${t.replyBytes} B)`).join('; ')}. Statements the floor replayed that failed: ${c.floorErrors}.`,
      '',
      'Errors count non-2xx answers, failed connections, missing replies, replies that say something went',
      'wrong or that the asker is unknown, and clicks whose reply does not say the change was recorded.',
      '',
      'Both sides prepare the statements they send with up to 32 parameters (src/store/prepared-statements.ts;',
      'drizzle sent them unnamed, which postgres.js sends in two round trips: preparing them took Quorum from',
      'about 1,580 to 1,970 requests in the same 10 s at 10,000 cases, and the floor, given the same round trips,',
      'from about 2,980 to 4,450).',
      '',
      'Where the remaining time goes (`node --cpu-prof` of serve under this load at 10,000 cases, per request,',
      'Node CPU only): Quorum spends about 6.2 ms and the floor 2.7 ms, both nearly saturating their event',
      'loop, so the ratio is that of their CPU per request, and the tail is worse than the mean because the',
      'heavier kinds (`mine` evaluates every case of the asker; a write re-plans) queue behind each other.',
      'Both spend about 1.3 ms writing statements to the Postgres socket (each write wakes the backend on the',
      'same two cores). Quorum\'s extra: botframework-connector about 1 ms a Teams request (its second check',
      'of the channel token, kept on purpose, and its HTTP pipeline for the reply), the rules',
      'engine 0.6 ms (`evaluate()` for the reply and for re-planning), drizzle building SQL 0.6 ms, garbage',
      'collection 0.5 ms against 0.1, postgres.js parsing the JSON of case rows 0.5 ms, our Teams adapter 0.3',
      'ms, Bolt, botbuilder and teams-ai routing 0.2 ms each, the store building case facts 0.25 ms. No one of',
      'them is the 2× target; meeting it means taking several off the chat path at once (evaluating each case',
      'once per request, cached query text for the hot statements, fewer SDK layers; reusing the connector',
      'client across turns was tried and made no measurable difference). The ack and the Teams message answer are',
      'written before that work and their p99 is well under 50 ms on a quiet machine; on a loaded one they',
      'wait behind it on the same event loop.',
      '',
    );
  }
  if (r.cli) {
    lines.push(
      '## CLI start',
      '',
      `Wall time from spawn to exit, median of ${r.cli.runs}, alternating with the baseline: \`node bin/quorum.js --help\` and`,
      '`node bin/quorum.js timeline docs/examples/case-facts.json` against `node -e 0`; `node bin/quorum.js serve`',
      '(Slack, authenticated Teams, the scheduler on, an empty migrated database) from spawn until GET /healthz',
      'answers 200, polled every 5 ms, against a bare `http.createServer` the same way.',
      '',
      '| Command | Median | Baseline | Ratio |',
      '|---|---:|---:|---:|',
      ...r.cli.cli.map((c) => `| \`${c.command}\` | ${ms(c.medianMs)} | ${ms(c.nodeMedianMs)} | ${x(c.ratio)} |`),
      `| \`quorum serve\` to ready | ${ms(r.cli.start.readyMs)} | ${ms(r.cli.start.bareMs)} | ${x(r.cli.start.ratio)} |`,
      '',
      'Where the time goes (`node --cpu-prof bin/quorum.js …`): loading modules. `--help` reads only commander,',
      'zod and the CLI\'s own command definitions; each command imports what it runs when it runs. `timeline`',
      'loads the rules (date-holidays with its calendars for bank holidays, zod schemas, the profiles). `serve`',
      'spends about 200 ms on the app\'s own modules with drizzle, postgres.js, pino and the rules (date-holidays',
      'alone about 90 ms: it loads every country\'s calendar and the astronomy for lunar ones), 150 ms on Bolt',
      '(its App module and the Web API client, not its index, which also loads the Express, Socket Mode and',
      'Lambda receivers) and 430 ms on botbuilder and teams-ai (teams-ai\'s modules, not its index, which loads',
      'the AI planners and tokenizers Quorum does not use; its `Application` still loads botbuilder-dialogs for',
      'its sign-in support), then about 30 ms connecting and checking the migrations. Only the configured',
      'platforms are loaded.',
      '',
    );
  }
  if (r.ssdImport) {
    const f = r.ssdImport;
    lines.push(
      '## SSD import',
      '',
      `\`quorum import --format ssd\` of a synthetic Standard Safeguarding Dataset extract (\`bench/generate-ssd.ts\`): ${f.children.toLocaleString('en-GB')} children`,
      `became ${f.cases.toLocaleString('en-GB')} cases in ${s(f.ms)}, in one process whose peak RSS was ${f.peakRssMb.toFixed(0)} MB (issue 20: within the sweep's ${TARGETS.sweepRssMb} MB bound: ${met(f.peakRssMb <= TARGETS.sweepRssMb)}).`,
      'The process runs with `--max-old-space-size=160`, the bound `quorum import --help` tells an operator to set for a large extract:',
      'the import keeps about 110 MB live, and with the default heap V8 lets garbage grow to several times that before collecting.',
      'Where the time goes: Postgres inserts (one statement per table per batch, rows as array parameters), then re-planning the open cases.',
      '',
    );
  }
  lines.push('Figures move by tens of per cent from run to run on a shared machine; the ratios much less, since both sides of each run the same load at the same time of the run.', '');
  return lines.join('\n');
}
