// Structured JSON logs carry ids and codes only: never message text, names or emails. They go to
// standard error, so a command's standard output is its data alone (quorum tick --json | jq).
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
    destination ?? pino.destination(2),
  );
  return root;
}

