// `npm run demo`: a made-up partnership on the embedded database (its own data dir), the bot in
// Teams local mode, and the Microsoft 365 Agents Playground pointed at it: try every command and
// card in a browser, with no Microsoft account and no internet.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importCases } from '../src/store/import.js';
import { buildDemoCases, PLAYGROUND_USER } from './cases.js';
import { startPlayground, type RunningPlayground } from './playground.js';

export interface DemoOptions {
  dataDir?: string;
  port?: number;
  playgroundPort?: number;
  scheduler?: 'on' | 'off';
  today?: Date;
  /** Told each step as it starts and ends, e.g. for a progress line per step. */
  onStep?: (step: string, done?: { ms: number; detail?: string }) => void;
}

export interface RunningDemo {
  app: RunningApp;
  playground: RunningPlayground;
  botUrl: string;
  stop(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const dataDir = path.resolve(opts.dataDir ?? '.quorum-demo');
  // A fresh demo every run: the facts are dated from today.
  fs.rmSync(dataDir, { recursive: true, force: true });
  // Never the user's own database or chat apps: embedded PGlite, Slack off, Teams local mode (no
  // authentication, loopback only) acting as the playground's user, the demo chair.
  const config = loadConfig({
    NODE_ENV: 'development',
    QUORUM_TEAMS_LOCAL: 'true',
    QUORUM_TEAMS_LOCAL_USER: PLAYGROUND_USER.email,
    QUORUM_LOG_LEVEL: process.env.QUORUM_LOG_LEVEL ?? 'info',
    QUORUM_DATA_DIR: path.join(dataDir, 'db'),
    PORT: String(opts.port ?? 3978),
    HOST: '127.0.0.1',
    QUORUM_SCHEDULER: opts.scheduler ?? 'on',
  });
  const step = stepper(opts.onStep);
  const app = await step('Embedded database and the bot (Teams local mode)', async () => {
    const started = await startApp(config);
    return { value: started, detail: `listening on 127.0.0.1:${started.server.port}` };
  });
  let playground: RunningPlayground | undefined;
  try {
    await step('Demo cases', async () => {
      const result = await importCases(app.store, buildDemoCases(opts.today ?? new Date()), { actor: 'demo', correlationId: 'demo-seed' });
      return { value: result, detail: `${result.created.length} made-up cases dated from today` };
    });
    const botUrl = `http://127.0.0.1:${app.server.port}/api/messages`;
    playground = await step('Microsoft 365 Agents Playground', async () => {
      const started = await startPlayground({ botEndpoint: botUrl, port: opts.playgroundPort ?? 56150, dir: path.join(dataDir, 'playground') });
      return { value: started, detail: started.url };
    });
    const pg = playground;
    return {
      app,
      playground: pg,
      botUrl,
      stop: async () => {
        await pg.stop();
        await app.stop();
      },
    };
  } catch (err) {
    await playground?.stop();
    await app.stop();
    throw err;
  }
}

/** Runs each step, telling `onStep` when it starts and how long it took. */
function stepper(onStep: DemoOptions['onStep']) {
  return async <T>(name: string, work: () => Promise<{ value: T; detail?: string }>): Promise<T> => {
    const started = Date.now();
    onStep?.(name);
    const { value, detail } = await work();
    onStep?.(name, { ms: Date.now() - started, detail });
    return value;
  };
}

/** One line per step on standard error: `npm run demo` says what it is doing while it starts. */
function printStep(step: string, done?: { ms: number; detail?: string }): void {
  process.stderr.write(done ? `  done in ${(done.ms / 1000).toFixed(1)} s${done.detail ? `: ${done.detail}` : ''}\n` : `${step}…\n`);
}

async function main(): Promise<void> {
  // The log is created on first use: quiet it before anything logs, so the URL stands out.
  process.env.QUORUM_LOG_LEVEL ??= 'warn';
  process.stderr.write('Starting the Quorum demo (the first run takes longest).\n');
  const demo = await startDemo({ port: Number(process.env.PORT ?? 3978), playgroundPort: Number(process.env.PLAYGROUND_PORT ?? 56150), onStep: printStep });
  console.log(
    [
      '',
      'Quorum demo is running.',
      `  Bot (Teams local mode): ${demo.botUrl}`,
      `  Open the Agents Playground: ${demo.playground.url}`,
      '',
      `You are ${PLAYGROUND_USER.name}: chair of DEMO-1, invited to DEMO-2, attended DEMO-3. Try:`,
      '  help | mine | next DEMO-1 | case DEMO-1 | attend DEMO-2 | next DEMO-2 | dissent DEMO-3',
      '',
      'Press Ctrl+C to stop. The demo data lives in ./.quorum-demo and is rebuilt on every run.',
    ].join('\n'),
  );
  const stop = () => {
    process.stderr.write('Stopping the Quorum demo…\n');
    void demo.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(`demo failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
