// The app manifest matches what the code uses: one endpoint, the default command and its usage
// hint as the command registry has it, only the scopes the adapter calls need, and the one event
// it listens to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syncSlack } from '../../scripts/sync-manifests.mjs';
import { SLACK_USAGE_HINT_MAX, slackManifestProblems, slackUsageHint } from '../../src/bot/core/commands/manifest-entries.js';
import { COMMAND_NAMES } from '../../src/bot/core/commands/registry.js';
import { loadConfig } from '../../src/config.js';

const manifest = JSON.parse(readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8'));
const ENDPOINT = 'https://quorum.example.org/slack/events';

describe('slack manifest', () => {
  it('points the command, events and interactivity at /slack/events', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: loadConfig({}).SLACK_COMMAND, url: ENDPOINT });
    expect(manifest.settings.event_subscriptions.request_url).toBe(ENDPOINT);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: ENDPOINT });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('has a bot user, the home tab and the messages tab on', () => {
    expect(manifest.features.bot_user.display_name).toBe('Quorum');
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('asks only for the scopes and events the adapter uses', () => {
    // commands: /cp; chat:write: DMs, chat.update; users:read + users:read.email: users.info email.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'users:read', 'users:read.email']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('names every registry command in the usage hint, and only those', () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const hinted = hint.split(' | ').map((part) => part.split(' ')[0]);
    expect(hinted).toEqual([...COMMAND_NAMES]);
    expect(hint).toBe(slackUsageHint());
    // slackapi/manifest-schema: usage_hint is 1 to 1000 characters.
    expect(hint.length).toBeLessThanOrEqual(SLACK_USAGE_HINT_MAX);
  });

  it('agrees with the registry, and each kind of disagreement is caught', () => {
    expect(slackManifestProblems(manifest)).toEqual([]);
    const tampered = (hint: string) => {
      const copy = structuredClone(manifest);
      copy.features.slash_commands[0].usage_hint = hint;
      return slackManifestProblems(copy).join('\n');
    };
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    expect(tampered(hint.replace(' | outcome CASE', ''))).toMatch(/outcome is missing from the Slack usage_hint/);
    expect(tampered(`${hint} | frobnicate CASE`)).toMatch(/"frobnicate" is in the Slack usage_hint but is not a command/);
    expect(tampered(hint.replace('next CASE', 'next CASE DATE'))).toMatch(/not the one the registry gives/);
    expect(tampered(hint.split(' | ').reverse().join(' | '))).toMatch(/not the one the registry gives/);
  });

  it('is what npm run sync:manifests writes', () => {
    const text = readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8');
    expect(syncSlack(text, slackUsageHint())).toBe(text);
  });
});
