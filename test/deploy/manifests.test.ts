// Manifests for the real address: `npm run manifest:slack` and `npm run package:teams` put
// QUORUM_PUBLIC_URL in (Slack's endpoints, Teams' valid domain), the registry's commands and
// package.json's version, and what they produce passes the checks the committed manifests pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { buildSlackManifest } from '../../scripts/manifest-slack.mjs';
import { buildManifest } from '../../scripts/package-teams.mjs';
import { slackManifestProblems, slackUsageHint, teamsManifestProblems } from '../../src/bot/core/commands/manifest-entries.js';

const require = createRequire(import.meta.url);
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const PUBLIC = { QUORUM_PUBLIC_URL: 'https://quorum.council.example/' };

describe('manifest:slack', () => {
  it('points every endpoint at QUORUM_PUBLIC_URL, with the registry usage hint and escaped mentions', () => {
    const manifest = buildSlackManifest(read('manifests/slack/manifest.json'), PUBLIC);
    const endpoint = 'https://quorum.council.example/slack/events';
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: '/cp', url: endpoint, usage_hint: slackUsageHint(), should_escape: true });
    expect(manifest.settings.event_subscriptions.request_url).toBe(endpoint);
    expect(manifest.settings.interactivity.request_url).toBe(endpoint);
    expect(slackManifestProblems(manifest)).toEqual([]);
  });

  it('writes the manifest alone on stdout, and refuses a plain-http address with exit 2', () => {
    const run = (url: string) => spawnSync(process.execPath, ['scripts/manifest-slack.mjs'], { env: { PATH: process.env.PATH ?? '', QUORUM_PUBLIC_URL: url }, encoding: 'utf8' });
    const ok = run('https://quorum.council.example');
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout).settings.interactivity.request_url).toBe('https://quorum.council.example/slack/events');
    const refused = run('http://quorum.council.example');
    expect([refused.status, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(/^manifest:slack: QUORUM_PUBLIC_URL must be https/);
  });
});

describe('package:teams manifest', () => {
  it("uses QUORUM_PUBLIC_URL's host and package.json's version, and is valid against its schema", async () => {
    const manifest = buildManifest(read('manifests/teams/manifest.json'), { ...PUBLIC, MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000c1' });
    expect(manifest.validDomains).toEqual(['quorum.council.example']);
    expect(manifest.version).toBe(read('package.json').version);
    const schema = read(require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`));
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    expect(teamsManifestProblems(manifest)).toEqual([]);
  });
});
