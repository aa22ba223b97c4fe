// Configuration is checked whole, before anything else: every bad variable is one line of the same
// refusal, including the ones only the scheduler or the manifests would otherwise have tripped on.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

describe('loadConfig', () => {
  it('names every bad variable on a line of its own when several are wrong', () => {
    expect(problems({ QUORUM_SWEEP_CRON: 'every quarter hour', QUORUM_PUBLIC_URL: 'quorum.council.example', MICROSOFT_APP_TENANT_ID: 'contoso', PORT: 'http' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^QUORUM_SWEEP_CRON: expected a cron expression/),
      expect.stringMatching(/^QUORUM_PUBLIC_URL: expected the public address/),
      expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: expected a GUID/),
    ]);
  });

  it('refuses a plain-http public address in production, before any database is named', () => {
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db/quorum', QUORUM_PUBLIC_URL: 'http://quorum.council.example' })).toEqual([
      'QUORUM_PUBLIC_URL: must be https in production: Slack and Teams post only to https endpoints',
    ]);
  });

  it('keeps the public address without its trailing slash when it is valid', () => {
    expect(loadConfig({ QUORUM_PUBLIC_URL: 'https://quorum.council.example/' }).QUORUM_PUBLIC_URL).toBe('https://quorum.council.example');
  });
});
