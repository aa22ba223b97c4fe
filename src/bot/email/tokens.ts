// Signed link tokens: the answer page's (one invitation, until the conference starts; a report may
// be marked a day after) and the calendar feed's (one person, until revoked). HMAC-SHA256 over the
// payload, compared in constant time. A token says only ids and an expiry; the store is asked
// afresh on every use, so a withdrawn invitation or a cancelled conference stops it at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const REPORT_GRACE_MS = 24 * 3600_000;

export type LinkToken = { k: 'respond'; i: number; p: number; e: number } | { k: 'feed'; p: number; v: number };

export type TokenCheck = { ok: true; token: LinkToken } | { ok: false; code: 'TOKEN_MALFORMED' | 'TOKEN_TAMPERED' | 'TOKEN_EXPIRED' };

export interface LinkSigner {
  sign(token: LinkToken): string;
  verify(raw: string, now: Date): TokenCheck;
  /** A value derived from the token for a purpose (the answer form's CSRF check). */
  derive(purpose: string, ...parts: string[]): string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function createLinkSigner(secret: string): LinkSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();
  return {
    sign(token) {
      const body = b64(JSON.stringify(token));
      return `${body}.${b64(mac(`v1.${body}`))}`;
    },
    verify(raw, now) {
      if (typeof raw !== 'string' || raw.length > 400 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(raw)) return { ok: false, code: 'TOKEN_MALFORMED' };
      const [body, sig] = raw.split('.') as [string, string];
      const expected = mac(`v1.${body}`);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'TOKEN_TAMPERED' };
      let token: LinkToken;
      try {
        token = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkToken;
      } catch {
        return { ok: false, code: 'TOKEN_MALFORMED' };
      }
      if (token.k === 'respond' && !(Number.isSafeInteger(token.i) && Number.isSafeInteger(token.p) && Number.isFinite(token.e))) return { ok: false, code: 'TOKEN_MALFORMED' };
      if (token.k === 'feed' && !(Number.isSafeInteger(token.p) && Number.isSafeInteger(token.v))) return { ok: false, code: 'TOKEN_MALFORMED' };
      if (token.k !== 'respond' && token.k !== 'feed') return { ok: false, code: 'TOKEN_MALFORMED' };
      if (token.k === 'respond' && token.e <= now.getTime()) return { ok: false, code: 'TOKEN_EXPIRED' };
      return { ok: true, token };
    },
    derive(purpose, ...parts) {
      return b64(mac(`${purpose}.${parts.join('.')}`));
    },
  };
}

/** Compares two derived values in constant time. */
export function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A secret for this run only (local and development): links stop working when Quorum restarts. */
export function generateSecret(): string {
  return randomBytes(32).toString('hex');
}
