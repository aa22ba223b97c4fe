import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context.js';
import { FORM_CALLBACK_PREFIX } from '../../render/modal.js';
import { formSubmission } from './form-submission.js';

export function register(app: App, deps: SlackDeps): void {
  app.view({ type: 'view_submission', callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`) }, formSubmission(deps));
}
