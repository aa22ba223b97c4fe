import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.js';
import { ACTION_PREFIX } from '../../render/blocks.js';
import { coreButton } from './core-button.js';

export function register(app: App, deps: SlackDeps): void {
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) }, coreButton(deps));
}
