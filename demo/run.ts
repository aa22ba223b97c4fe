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
  const app = await startApp(config);
  let playground: RunningPlayground | undefined;
  try {
    await importCases(app.store, buildDemoCases(opts.today ?? new Date()), { actor: 'demo', correlationId: 'demo-seed' });
    const botUrl = `http://127.0.0.1:${app.server.port}/api/messages`;
    playground = await startPlayground({ botEndpoint: botUrl, port: opts.playgroundPort ?? 56150, dir: path.join(dataDir, 'playground') });
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

async function main(): Promise<void> {
  // The log is created on first use: quiet it before anything logs, so the URL stands out.
  process.env.QUORUM_LOG_LEVEL ??= 'warn';
  const demo = await startDemo({ port: Number(process.env.PORT ?? 3978), playgroundPort: Number(process.env.PLAYGROUND_PORT ?? 56150) });
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
