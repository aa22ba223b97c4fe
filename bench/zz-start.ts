import { startFakeConnector } from '../test/support/fake-connector.js';
import { startFakeOpenId } from '../test/support/fake-openid.js';
import { SIGNING_SECRET, TEAMS_APP_ID, TEAMS_TENANT } from './chat-requests.js';
import { startServe, startSlackSink } from './serve.js';
const sink = await startSlackSink(); const connector = await startFakeConnector(); const idp = await startFakeOpenId('ok');
const env = { QUORUM_LOG_LEVEL: 'info', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/quorum_bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${sink.url}/api/`, MICROSOFT_APP_ID: TEAMS_APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TENANT_ID: TEAMS_TENANT };
const t0 = Date.now(); console.error('spawn at', t0);
const q = await startServe(env, { pollMs: 5 }); console.error('ready', q.readyMs);
await q.stop(); await sink.close(); await connector.close(); await idp.close();
