// Email's configuration fails fast, one line per problem: SMTP_URL needs its sender and public
// address, and production needs a fixed link secret and an https:// public address.
import { describe, expect, it } from 'vitest';
import { ConfigError, emailEnabled, loadConfig } from '../../src/config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('email configuration', () => {
  it('is off without SMTP_URL and on with its three variables', () => {
    expect(emailEnabled(loadConfig({}))).toBe(false);
    expect(emailEnabled(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', QUORUM_MAIL_FROM: 'q@council.example', QUORUM_PUBLIC_URL: 'http://127.0.0.1:3978' }))).toBe(true);
  });

  it('names each missing variable on its own line when SMTP_URL is set', () => {
    expect(problems({ SMTP_URL: 'smtp://mail.example' })).toEqual([
      'QUORUM_MAIL_FROM: required with SMTP_URL: the address invitations and reminders come from',
      'QUORUM_PUBLIC_URL: required with SMTP_URL: emails link to QUORUM_PUBLIC_URL/respond/…',
    ]);
    expect(problems({ SMTP_URL: 'http://mail.example' })[0]).toMatch(/^SMTP_URL: expected smtp:/);
  });

  it('refuses production without a link secret or with an http:// public address', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/q', SMTP_URL: 'smtps://mail.example', QUORUM_MAIL_FROM: 'q@council.example', QUORUM_PUBLIC_URL: 'http://quorum.example' };
    expect(problems(prod).map((p) => p.split(':')[0]).sort()).toEqual(['QUORUM_LINK_SECRET', 'QUORUM_PUBLIC_URL']);
    expect(problems({ ...prod, QUORUM_PUBLIC_URL: 'https://quorum.example', QUORUM_LINK_SECRET: 'x'.repeat(32) })).toEqual([]);
    expect(problems({ ...prod, QUORUM_LINK_SECRET: 'short' })[0]).toMatch(/^QUORUM_LINK_SECRET: expected at least 32/);
  });
});
