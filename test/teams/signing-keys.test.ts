// The signing key cache on its own, with a clock we move: a day's keys are reused, a forged key id
// refetches at most every 5 minutes, and keys are kept when a refresh fails.
import { afterEach, describe, expect, it } from 'vitest';
import { SigningKeySource, SigningKeysUnavailableError } from '../../src/bot/teams/auth/signing-keys.js';
import { startFakeOpenId, type FakeOpenId } from '../support/fake-openid.js';

const HOUR = 3_600_000;

describe('SigningKeySource', () => {
  let idp: FakeOpenId | undefined;
  afterEach(async () => {
    await idp?.close();
    idp = undefined;
  });

  it('reuses keys for a day, and refetches for an unknown key id at most every 5 minutes', async () => {
    idp = await startFakeOpenId('ok');
    let now = 1_000_000;
    const source = new SigningKeySource(idp.metadataUrl, () => now);
    expect((await source.find(idp.kid))?.kid).toBe(idp.kid);
    now += 23 * HOUR;
    expect(await source.find(idp.kid)).not.toBeNull();
    expect(idp.requests).toHaveLength(2);
    expect(await source.find('forged-1')).toBeNull();
    expect(idp.requests).toHaveLength(4);
    now += 60_000;
    expect(await source.find('forged-2')).toBeNull();
    expect(idp.requests).toHaveLength(4);
    now += 25 * HOUR;
    expect(await source.find(idp.kid)).not.toBeNull();
    expect(idp.requests).toHaveLength(6);
  });

  it('keeps the keys it has when a refresh fails, and fails fast with none', async () => {
    idp = await startFakeOpenId('ok');
    let now = 1_000_000;
    const source = new SigningKeySource(idp.metadataUrl, () => now);
    await source.find(idp.kid);
    await idp.close();
    now += 25 * HOUR;
    expect((await source.find(idp.kid))?.kid).toBe(idp.kid);

    const nowhere = new SigningKeySource(idp.metadataUrl, () => now);
    const first = await nowhere.find(idp.kid).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(SigningKeysUnavailableError);
    expect((first as SigningKeysUnavailableError).code).toBe('TEAMS_KEYS_UNREACHABLE');
    // Within the 15 s after a failure: the same answer, without trying the network again.
    now += 5_000;
    await expect(nowhere.find(idp.kid)).rejects.toBe(first);
  });
});
