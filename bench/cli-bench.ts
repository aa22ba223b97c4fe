// The CLI's start against Node's own, in the same run, median of `runs`: `quorum --help` and
// `quorum timeline docs/examples/case-facts.json` against `node -e 0`, and `quorum serve` until
// /healthz answers against a bare Node HTTP server until it answers. The build (dist/, through
// bin/quorum.js) is what is timed: it is what users run. Runs alternate, so load on a shared
// machine falls on both sides alike.
import { spawn } from 'node:child_process';
import { startFakeConnector } from '../test/support/fake-connector.js';
import { startFakeOpenId } from '../test/support/fake-openid.js';
import { SIGNING_SECRET, TEAMS_APP_ID, TEAMS_TENANT } from './chat-requests.js';
import { startServe, startSlackSink } from './serve.js';

export interface CliRow {
  command: string;
  medianMs: number;
  nodeMedianMs: number;
  ratio: number;
}

export interface CliFigures {
  cli: CliRow[];
  start: { readyMs: number; bareMs: number; ratio: number };
  runs: number;
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Wall time of one process from spawn to exit (it must exit 0). */
function timeProcess(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, QUORUM_LOG_LEVEL: 'silent' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`))));
  });
}

export async function runCliBench(runs: number, url: string, log: (s: string) => void): Promise<CliFigures> {
  const commands = [
    { command: 'quorum --help', args: ['bin/quorum.js', '--help'] },
    { command: 'quorum timeline docs/examples/case-facts.json', args: ['bin/quorum.js', 'timeline', 'docs/examples/case-facts.json'] },
  ];
  const times = new Map<string, number[]>([['node', []], ...commands.map((c): [string, number[]] => [c.command, []])]);
  for (let i = 0; i < runs; i++) {
    times.get('node')!.push(await timeProcess(['-e', '0']));
    for (const c of commands) times.get(c.command)!.push(await timeProcess(c.args));
  }
  const nodeMedianMs = median(times.get('node')!);
  const cli = commands.map((c) => {
    const medianMs = median(times.get(c.command)!);
    return { command: c.command, medianMs: round1(medianMs), nodeMedianMs: round1(nodeMedianMs), ratio: round2(medianMs / nodeMedianMs) };
  });
  for (const r of cli) log(`${r.command}: ${r.medianMs} ms, node -e 0 ${r.nodeMedianMs} ms, ${r.ratio}×`);

  // serve as configured in production: Slack, authenticated Teams, the scheduler on.
  const sink = await startSlackSink();
  const connector = await startFakeConnector();
  const idp = await startFakeOpenId('ok');
  const env = {
    DATABASE_URL: url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${sink.url}/api/`,
    MICROSOFT_APP_ID: TEAMS_APP_ID, MICROSOFT_APP_PASSWORD: 'bench-not-a-secret', MICROSOFT_APP_TENANT_ID: TEAMS_TENANT,
  };
  const ready: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const b = await startServe({}, { args: ['-e', BARE_SERVER], pollMs: 5 });
      bare.push(b.readyMs);
      await b.stop();
      const q = await startServe(env, { pollMs: 5 });
      ready.push(q.readyMs);
      await q.stop();
    }
  } finally {
    await sink.close();
    await connector.close();
    await idp.close();
  }
  const start = { readyMs: round1(median(ready)), bareMs: round1(median(bare)), ratio: round2(median(ready) / median(bare)) };
  log(`quorum serve ready: ${start.readyMs} ms, bare Node HTTP server ${start.bareMs} ms, ${start.ratio}×`);
  return { cli, start, runs };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
