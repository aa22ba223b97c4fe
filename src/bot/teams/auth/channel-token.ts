// Our check of a Bot Framework channel token, run before botframework-connector's own (which runs
// after it, unchanged). It accepts only what Teams sends: a channel token (issuer
// api.botframework.com) for this bot, for this activity's serviceUrl, signed with a published key.
// Done here so a forged token is a 401 with one log line (the connector prints keys and stack
// traces to the console), and a login service we cannot reach is a 503.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SigningKeysUnavailableError, type SigningKey, type SigningKeySource } from './signing-keys.js';

export interface ChannelTokenRules {
  appId: string;
  issuer: string;
  keys: SigningKeySource;
  now?: () => number;
}

export type TokenVerdict = { ok: true } | { ok: false; status: 401 | 503; code: string };

const HASHES = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' } as const;
/** As botframework-connector: five minutes of clock skew either way. */
const CLOCK_SKEW_S = 300;
const BEARER = /^Bearer ([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{1,8192})\.([A-Za-z0-9_-]{1,2048})$/;

const headerSchema = z.object({ alg: z.enum(['RS256', 'RS384', 'RS512']), kid: z.string().min(1).max(256) });
const claimsSchema = z.object({
  iss: z.string(),
  aud: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
  serviceurl: z.string(),
});

const publicKeys = new WeakMap<SigningKey, KeyObject>();

export async function checkChannelToken(authorization: string | undefined, activity: { serviceUrl: string; channelId: string }, rules: ChannelTokenRules): Promise<TokenVerdict> {
  if (!authorization) return refuse('TEAMS_AUTH_MISSING');
  const parts = BEARER.exec(authorization);
  if (!parts) return refuse('TEAMS_AUTH_MALFORMED');
  const [, rawHeader, rawClaims, rawSignature] = parts as unknown as [string, string, string, string];
  const header = headerSchema.safeParse(decodeSegment(rawHeader));
  const claims = claimsSchema.safeParse(decodeSegment(rawClaims));
  if (!header.success || !claims.success) return refuse('TEAMS_AUTH_MALFORMED');
  const c = claims.data;
  const nowS = (rules.now ?? Date.now)() / 1000;
  // Claims first: a token that could never pass costs no key look-up.
  if (c.iss !== rules.issuer) return refuse('TEAMS_AUTH_ISSUER');
  if (c.aud !== rules.appId) return refuse('TEAMS_AUTH_AUDIENCE');
  if (c.exp + CLOCK_SKEW_S < nowS || (c.nbf !== undefined && c.nbf - CLOCK_SKEW_S > nowS)) return refuse('TEAMS_AUTH_EXPIRED');
  if (c.serviceurl !== activity.serviceUrl) return refuse('TEAMS_AUTH_SERVICE_URL');

  let key: SigningKey | null;
  try {
    key = await rules.keys.find(header.data.kid);
  } catch (err) {
    if (err instanceof SigningKeysUnavailableError) return { ok: false, status: 503, code: err.code };
    throw err;
  }
  if (!key || key.kty !== 'RSA' || !key.n || !key.e) return refuse('TEAMS_AUTH_UNKNOWN_KEY');
  if (key.endorsements?.length && !key.endorsements.includes(activity.channelId)) return refuse('TEAMS_AUTH_ENDORSEMENT');
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyOf(key);
  } catch {
    return { ok: false, status: 503, code: 'TEAMS_KEYS_BAD_RESPONSE' };
  }
  const signed = Buffer.from(`${rawHeader}.${rawClaims}`);
  let ok = false;
  try {
    ok = verify(HASHES[header.data.alg], signed, publicKey, Buffer.from(rawSignature, 'base64url'));
  } catch {
    ok = false;
  }
  return ok ? { ok: true } : refuse('TEAMS_AUTH_SIGNATURE');
}

function refuse(code: string): TokenVerdict {
  return { ok: false, status: 401, code };
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function publicKeyOf(key: SigningKey): KeyObject {
  let k = publicKeys.get(key);
  if (!k) {
    k = createPublicKey({ key: { kty: 'RSA', n: key.n!, e: key.e! }, format: 'jwk' });
    publicKeys.set(key, k);
  }
  return k;
}
