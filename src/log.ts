// Structured JSON logs carry ids and codes only: never message text, names or emails. They go to
// standard error, so a command's standard output is its data alone (quorum tick --json | jq).
import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';

const REDACT = ['name', 'email', 'text', 'initials', 'view', 'body', 'payload', '*.name', '*.email', '*.text', '*.initials', '*.body'];

let root: Logger | undefined;
let destination: DestinationStream | undefined;

/** Tests point the log at a sink to scan every line for names. */
export function setLogDestination(dest: DestinationStream | undefined): void {
  destination = dest;
  root = undefined;
}

export function logger(): Logger {
  root ??= pino(
    {
      level: process.env.QUORUM_LOG_LEVEL ?? 'info',
      base: { service: 'quorum' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? standardError(),
  );
  return root;
}

/**
 * Standard error: JSON, except on a terminal, where a person reads it (`npm start`, `npm run demo`)
 * and each entry is one readable line. QUORUM_LOG_FORMAT=json keeps JSON on a terminal too.
 */
function standardError(): DestinationStream {
  if (process.stderr.isTTY && process.env.QUORUM_LOG_FORMAT !== 'json') return readableLines(2) ?? pino.destination(2);
  return pino.destination(2);
}

/**
 * One readable line per entry (pino-pretty), written to `destination`; undefined where pino-pretty is
 * not installed: it is a devDependency, so a production tree (never a terminal) logs JSON.
 */
export function readableLines(destination: number | NodeJS.WritableStream): DestinationStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (opts: Record<string, unknown>) => DestinationStream;
    return pretty({ destination, colorize: typeof destination === 'number', translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true, sync: true });
  } catch {
    return undefined;
  }
}

