// Bot Framework's signing keys, fetched once per OpenID metadata URL and shared by every request,
// by our own token check and by botframework-connector's validators. botframework-connector fetches
// them per request with no timeout (a silent login service held requests for minutes, one outbound
// connection each) and answers 500 when DNS fails; here a fetch is single-flight, bounded by
// FETCH_TIMEOUT_MS, cached, and a failure is a SigningKeysUnavailableError (a 503, not a 500).
import http from 'node:http';
import https from 'node:https';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';
import { z } from 'zod';

export const FETCH_TIMEOUT_MS = 5_000;
/** As botframework-connector: Microsoft rotates keys with overlap, so a day-old set is still good. */
const MAX_AGE_MS = 24 * 60 * 60_000;
/** A token naming a key we do not hold refetches at most this often: forged kids cost nothing. */
const UNKNOWN_KEY_REFETCH_MS = 5 * 60_000;
/** After a failed fetch, requests are answered at once (503) instead of each waiting on the network. */
const RETRY_AFTER_FAILURE_MS = 15_000;
const MAX_DOCUMENT_BYTES = 512 * 1024;

const metadataSchema = z.object({ jwks_uri: z.string().url() });
const keySetSchema = z.object({
  keys: z
    .array(z.object({ kid: z.string(), kty: z.string(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() }).passthrough())
    .max(200),
});

export type SigningKey = z.infer<typeof keySetSchema>['keys'][number];

export type KeysFailureCode = 'TEAMS_KEYS_TIMEOUT' | 'TEAMS_KEYS_UNREACHABLE' | 'TEAMS_KEYS_BAD_RESPONSE';

export class SigningKeysUnavailableError extends Error {
  constructor(readonly code: KeysFailureCode) {
    super(`Bot Framework signing keys are unavailable (${code})`);
    this.name = 'SigningKeysUnavailableError';
  }
}

export class SigningKeySource {
  private keys: SigningKey[] | undefined;
  private fetchedAt = 0;
  private failedAt = Number.NEGATIVE_INFINITY;
  private failure: SigningKeysUnavailableError | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key a token names, or null when the service does not publish it. */
  async find(kid: string): Promise<SigningKey | null> {
    await this.ensureFresh();
    const key = this.keys?.find((k) => k.kid === kid);
    if (key || this.now() - this.fetchedAt < UNKNOWN_KEY_REFETCH_MS) return key ?? null;
    await this.refresh();
    return this.keys?.find((k) => k.kid === kid) ?? null;
  }

  /** Keys no older than a day; stale ones are kept when a refresh fails, so an outage of the login service alone breaks nothing. */
  async ensureFresh(): Promise<{ keys: SigningKey[]; fetchedAt: number }> {
    if (!this.keys || this.now() - this.fetchedAt > MAX_AGE_MS) await this.refresh();
    return { keys: this.keys!, fetchedAt: this.fetchedAt };
  }

  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) return this.keys ? Promise.resolve() : Promise.reject(this.failure);
    this.inFlight = fetchKeys(this.url)
      .then((keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
      })
      .catch((err: unknown) => {
        this.failedAt = this.now();
        this.failure = err instanceof SigningKeysUnavailableError ? err : new SigningKeysUnavailableError('TEAMS_KEYS_UNREACHABLE');
        if (!this.keys) throw this.failure;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

const sources = new Map<string, SigningKeySource>();

/** One source per metadata URL for the whole process, as botframework-connector keeps one per URL. */
export function signingKeysFor(url: string): SigningKeySource {
  let source = sources.get(url);
  if (!source) {
    source = new SigningKeySource(url);
    sources.set(url, source);
  }
  return source;
}

async function fetchKeys(metadataUrl: string): Promise<SigningKey[]> {
  // One deadline for both documents: the whole fetch takes at most FETCH_TIMEOUT_MS.
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const metadata = metadataSchema.safeParse(await fetchJson(metadataUrl, signal));
  if (!metadata.success) throw new SigningKeysUnavailableError('TEAMS_KEYS_BAD_RESPONSE');
  const keySet = keySetSchema.safeParse(await fetchJson(metadata.data.jwks_uri, signal));
  if (!keySet.success) throw new SigningKeysUnavailableError('TEAMS_KEYS_BAD_RESPONSE');
  return keySet.data.keys;
}

/**
 * node:http rather than fetch: undici opens a second connection after an aborted request, and a
 * silent service should cost exactly one. No redirects, and the body is cut off at MAX_DOCUMENT_BYTES.
 */
function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const fail = (code: KeysFailureCode) => reject(new SigningKeysUnavailableError(code));
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return fail('TEAMS_KEYS_BAD_RESPONSE');
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) return fail('TEAMS_KEYS_BAD_RESPONSE');
    const req = client.get(target, { signal, headers: { accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return fail('TEAMS_KEYS_BAD_RESPONSE');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) {
          req.destroy();
          fail('TEAMS_KEYS_BAD_RESPONSE');
        } else chunks.push(chunk);
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch {
          fail('TEAMS_KEYS_BAD_RESPONSE');
        }
      });
      res.on('error', () => fail(signal.aborted ? 'TEAMS_KEYS_TIMEOUT' : 'TEAMS_KEYS_UNREACHABLE'));
    });
    req.on('error', () => fail(signal.aborted ? 'TEAMS_KEYS_TIMEOUT' : 'TEAMS_KEYS_UNREACHABLE'));
  });
}

interface ConnectorMetadata {
  url: string;
  keys: unknown;
  lastUpdated: number;
}

let shared = false;

/**
 * botframework-connector reads keys through OpenIdMetadata.refreshCache, on every validator path
 * (channel, emulator, skill, ASE). Pointing that one method at our sources makes all of them share
 * the same single-flight, time-bounded fetch: there is no option to give the connector a fetch.
 */
export function shareSigningKeysWithConnector(): void {
  if (shared) return;
  shared = true;
  const proto = OpenIdMetadata.prototype as unknown as { refreshCache(this: ConnectorMetadata): Promise<void> };
  proto.refreshCache = async function refreshCache(this: ConnectorMetadata): Promise<void> {
    const { keys, fetchedAt } = await signingKeysFor(this.url).ensureFresh();
    this.keys = keys;
    this.lastUpdated = fetchedAt;
  };
}
