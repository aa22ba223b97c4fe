// A stand-in for Microsoft's Bot Framework login service on 127.0.0.1: the OpenID metadata and the
// signing keys (JWKS), a key pair to sign channel tokens as the Bot Framework Service does, and
// modes that fail the way the real one can (never answering). It counts connections and requests.
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface FakeOpenId {
  metadataUrl: string;
  /** The kid of the published key. */
  kid: string;
  connections: number;
  requests: string[];
  /** A channel token as the Bot Framework Service sends it, signed with the published key. */
  token(claims: Partial<ChannelClaims>, opts?: { kid?: string; key?: KeyObject }): string;
  close(): Promise<void>;
}

export interface ChannelClaims {
  iss: string;
  aud: string;
  serviceurl: string;
  nbf: number;
  exp: number;
}

/** `silent`: accepts connections and never answers (a login service that hangs). */
export async function startFakeOpenId(mode: 'ok' | 'silent' = 'ok'): Promise<FakeOpenId> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `test-key-${randomUUID().slice(0, 8)}`;
  const jwk = publicKey.export({ format: 'jwk' });
  const state = { connections: 0, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    state.requests.push(req.url ?? '');
    if (mode === 'silent') return;
    const { port } = server.address() as AddressInfo;
    const body =
      req.url === '/v1/.well-known/openidconfiguration'
        ? { issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${port}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/v1/.well-known/keys'
          ? { keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }
          : undefined;
    const text = JSON.stringify(body ?? { error: 'not found' });
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    kid,
    get connections() {
      return state.connections;
    },
    requests: state.requests,
    token: (claims, opts = {}) => signToken(claims, opts.kid ?? kid, opts.key ?? privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A token for `appId` and `serviceUrl`, valid for an hour, as the Bot Framework Service signs it. */
export function channelClaims(appId: string, serviceUrl: string): ChannelClaims {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 };
}

export function signToken(claims: Partial<ChannelClaims>, kid: string, key: KeyObject): string {
  const segment = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${segment({ alg: 'RS256', typ: 'JWT', kid })}.${segment(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}

/** A key pair nobody published: what a forger signs with. */
export function forgersKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
