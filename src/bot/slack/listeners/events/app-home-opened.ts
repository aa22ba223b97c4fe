// App Home: my deadlines and the cards waiting for me, published each time the tab opens.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderHome } from '../../../core/index.js';
import { requestContext, requesterOf, type SlackDeps } from '../../context.js';
import { renderHomeView } from '../../render/home.js';
import { safely } from '../safely.js';

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const log = deps.log.child({ correlationId: context.correlationId, surface: 'home' });
    await safely(log, 'app_home_opened', async () => {
      const view = await renderHome(deps.core, requestContext(deps, requesterOf(context), context.correlationId));
      await deps.client.views.publish({ user_id: event.user, view: renderHomeView(view) });
      log.info({ code: 'OK' }, 'slack home published');
    });
  };
}
