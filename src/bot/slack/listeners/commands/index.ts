import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.js';
import { cpCommand } from './cp-command.js';

export function register(app: App, deps: SlackDeps): void {
  app.command(deps.command, cpCommand(deps));
}
