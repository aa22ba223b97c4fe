// The app manifest matches what the code uses: one endpoint, the default command, only the
// scopes the adapter calls need, and the one event it listens to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
});
