// Starts the Microsoft 365 Agents Playground (an offline Teams look-alike, npm
// @microsoft/m365agentsplayground) pointed at our /api/messages, with its user set to the demo chair.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PLAYGROUND_USER } from './cases.js';

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The playground's mock tenant (it insists on five other users): the demo's made-up professionals. */
function configYaml(): string {
  const others = [
    ['user-id-1', 'Sam Okafor', 'sam.okafor@demo-csc.example', '00000000-0000-0000-0000-000000000021'],
    ['user-id-2', 'Jordan Reeve', 'jordan.reeve@demo-police.example', '00000000-0000-0000-0000-000000000022'],
    ['user-id-3', 'Priya Shah', 'priya.shah@demo-csc.example', '00000000-0000-0000-0000-000000000023'],
    ['user-id-4', 'Morgan Hale', 'morgan.hale@demo-school.example', '00000000-0000-0000-0000-000000000024'],
    ['user-id-5', 'Robin Ellis', 'robin.ellis@demo-health.example', '00000000-0000-0000-0000-000000000025'],
  ];
  const user = (id: string, name: string, email: string, aad: string, indent: string) => {
    const [given, ...rest] = name.split(' ');
    return [`${indent}id: ${id}`, `${indent}name: ${name}`, `${indent}userPrincipleName: ${email}`, `${indent}aadObjectId: ${aad}`, `${indent}givenName: ${given}`, `${indent}surname: ${rest.join(' ')}`, `${indent}email: ${email}`].join('\n');
  };
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000a1',
    'bot:',
    '  id: 00000000-0000-0000-0000-0000000000b0',
    '  name: Quorum',
    'currentUser:',
    user(PLAYGROUND_USER.id, PLAYGROUND_USER.name, PLAYGROUND_USER.email, PLAYGROUND_USER.aadObjectId, '  '),
    'users:',
    ...others.map(([id, name, email, aad]) => user(id!, name!, email!, aad!, '    ').replace(/^ {4}/, '  - ')),
    'personalChat:',
    '  id: personal-chat-demo',
    'groupChat:',
    '  id: group-chat-demo',
    '  name: Demo group chat',
    'team:',
    '  id: team-demo',
    '  name: Demo team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-demo',
    '      name: Conferences',
    '',
  ].join('\n');
}

export async function startPlayground(opts: { botEndpoint: string; port: number; dir: string; timeoutMs?: number }): Promise<RunningPlayground> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const configPath = path.join(opts.dir, 'm365agentsplayground.yml');
  fs.writeFileSync(configPath, configYaml());
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const child = spawn(process.execPath, [cli, 'start', '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(opts.port), '--disable-telemetry'], {
    cwd: opts.dir,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(opts.dir, 'm365agentsplayground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the process that started it.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const until = Date.now() + (opts.timeoutMs ?? 30_000);
  let url = '';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Agents Playground exited (${child.exitCode}): ${output.slice(-500)}`);
    // It moves to another port when the one asked for is taken: trust what it says it listens on.
    const port = output.match(/Listening on (\d+)/)?.[1];
    url = port ? `http://127.0.0.1:${port}` : '';
    const ok = url ? await fetch(url).then((r) => r.ok, () => false) : false;
    if (ok) break;
    if (Date.now() > until) {
      child.kill();
      throw new Error(`Agents Playground did not start: ${output.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
