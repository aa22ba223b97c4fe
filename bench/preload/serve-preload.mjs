// Loaded into the bench's `quorum serve` (node --import, bench/serve.ts), never into production.
// - BENCH_TEAMS_OPENID_URL: Bot Framework authentication stays on, but checks tokens against the
//   bench's fake OpenID authority (test/support/fake-openid.ts) instead of login.botframework.com,
//   and the bot's own outbound token is a fixed string (the fake connector does not check it; the
//   real one comes from login.microsoftonline.com, which the bench cannot reach).
// - BENCH_SQL_LOG: every statement postgres.js sends is appended to that file (postgres.js's own
//   `debug` hook), for the chat floor to replay the statements Quorum runs (bench/chat-capture.ts).
import { createRequire, register } from 'node:module';

if (process.env.BENCH_TEAMS_OPENID_URL) {
  const connector = createRequire(import.meta.url)('botframework-connector');
  connector.AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl = process.env.BENCH_TEAMS_OPENID_URL;
  connector.AppCredentials.prototype.getToken = async () => 'bench-outbound-token';
}
if (process.env.BENCH_SQL_LOG) register('./postgres-hook.mjs', import.meta.url);
