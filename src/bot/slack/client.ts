// The Web API client and the logger Bolt is given. The client never retries by itself (the outbox
// retries deliveries, and a chat reply that fails is better reported than repeated late), and
// gives up quickly. Bolt's own log lines may quote payloads, so only their codes get through.
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from './bolt.js';
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

export const SLACK_CALL_TIMEOUT_MS = 5_000;

export function buildClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_CALL_TIMEOUT_MS,
    allowAbsoluteUrls: false,
    logger,
  };
}

/** A Bolt/WebClient logger over pino that keeps only short strings and error codes. */
export function toBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack-sdk' });
  let level: LogLevel = LogLevel.WARN;
  const write = (at: 'warn' | 'error', args: unknown[]) => child[at]({ detail: args.map(summarise) }, 'slack sdk');
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function summarise(arg: unknown): unknown {
  if (arg instanceof Error) return { type: arg.name, code: (arg as { code?: unknown }).code };
  // SDK messages are fixed sentences, but some append request data after a colon: drop that part.
  if (typeof arg === 'string') return arg.split(/[:\n]/)[0]!.slice(0, 120);
  return typeof arg;
}
