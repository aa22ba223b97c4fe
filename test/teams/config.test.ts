// The Teams variables: Teams is on only with Bot Framework credentials or with local mode asked for
// by name; local mode never runs in production nor beyond loopback; tenants are always named.
import { describe, expect, it } from 'vitest';
import { assertConfig, ConfigError, isLoopbackHost, listenHost, loadConfig, teamsAllowedTenants, teamsMode } from '../../src/config.js';

const APP = { MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000c1', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-0000000000A1' };
const DB = { DATABASE_URL: 'postgres://quorum@127.0.0.1:5432/quorum' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('teams configuration', () => {
  it('leaves Teams off when nothing is set, in development and in production', () => {
    expect(teamsMode(loadConfig({}))).toBe('off');
    expect(teamsMode(loadConfig({ NODE_ENV: 'production', ...DB }))).toBe('off');
    expect(listenHost(loadConfig({}))).toBe('0.0.0.0');
  });

  it('turns Teams on with credentials (a password, or the managed identity type) and a tenant', () => {
    expect(teamsMode(loadConfig({ NODE_ENV: 'production', ...DB, ...APP }))).toBe('authenticated');
    const msi = { MICROSOFT_APP_ID: APP.MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID: APP.MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI' };
    expect(teamsMode(loadConfig({ NODE_ENV: 'production', ...DB, ...msi }))).toBe('authenticated');
    expect(problems({ ...msi, MICROSOFT_APP_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: not used with/)]);
  });

  it('turns local mode on only when asked, on loopback unless HOST says otherwise', () => {
    const c = loadConfig({ QUORUM_TEAMS_LOCAL: 'true' });
    expect(teamsMode(c)).toBe('local');
    expect(listenHost(c)).toBe('127.0.0.1');
    expect(listenHost(loadConfig({ QUORUM_TEAMS_LOCAL: 'true', HOST: '::1' }))).toBe('::1');
    expect(problems({ QUORUM_TEAMS_LOCAL: 'yes' })).toEqual(['QUORUM_TEAMS_LOCAL: expected true or false']);
  });

  it('refuses local mode in production, with credentials, or on a non-loopback HOST, one line each', () => {
    expect(problems({ NODE_ENV: 'production', ...DB, QUORUM_TEAMS_LOCAL: 'true' })).toEqual([expect.stringMatching(/^QUORUM_TEAMS_LOCAL: refused in production/)]);
    expect(problems({ QUORUM_TEAMS_LOCAL: 'true', ...APP })).toEqual([expect.stringMatching(/^QUORUM_TEAMS_LOCAL: local mode is for running without/)]);
    expect(problems({ QUORUM_TEAMS_LOCAL: 'true', HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/^HOST: Teams local mode .* loopback only/)]);
    expect(problems({ QUORUM_TEAMS_LOCAL: 'true', HOST: '192.168.1.20' })).toHaveLength(1);
  });

  it('refuses credentials without the tenants Teams serves, and half a pair of credentials', () => {
    expect(problems({ MICROSOFT_APP_ID: APP.MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required with MICROSOFT_APP_TYPE=SingleTenant/)]);
    expect(problems({ MICROSOFT_APP_ID: APP.MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'MultiTenant' })).toEqual([expect.stringMatching(/^TEAMS_ALLOWED_TENANTS: Teams needs the tenants/)]);
    expect(problems({ MICROSOFT_APP_ID: APP.MICROSOFT_APP_ID })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: .* go together/)]);
    expect(problems({ TEAMS_ALLOWED_TENANTS: 'contoso' })).toEqual([expect.stringMatching(/^TEAMS_ALLOWED_TENANTS: expected tenant ids/)]);
  });

  it('allows the bot’s own tenant plus TEAMS_ALLOWED_TENANTS, case-insensitively', () => {
    const other = '11111111-2222-3333-4444-55555555AAAA';
    const c = loadConfig({ ...APP, TEAMS_ALLOWED_TENANTS: ` ${other} , 22222222-2222-3333-4444-555555555555` });
    expect([...teamsAllowedTenants(c)].sort()).toEqual([APP.MICROSOFT_APP_TENANT_ID.toLowerCase(), other.toLowerCase(), '22222222-2222-3333-4444-555555555555'].sort());
    expect(teamsMode(loadConfig({ ...APP, MICROSOFT_APP_TYPE: 'MultiTenant', MICROSOFT_APP_TENANT_ID: '', TEAMS_ALLOWED_TENANTS: other }))).toBe('authenticated');
  });

  it('runs the same refusals on a Config built in code (startApp calls assertConfig first)', () => {
    const built = { ...loadConfig({ QUORUM_TEAMS_LOCAL: 'true' }), NODE_ENV: 'production' as const, ...DB };
    expect(() => assertConfig(built)).toThrow(/QUORUM_TEAMS_LOCAL: refused in production/);
    expect(() => assertConfig(loadConfig({ QUORUM_TEAMS_LOCAL: 'true' }))).not.toThrow();
  });

  it('knows a loopback host when it sees one', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '127.0.0.1.nip.io', '']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
