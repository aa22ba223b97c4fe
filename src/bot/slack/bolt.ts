// Bolt's App module, not Bolt's index: the index also loads the Express, Socket Mode and AWS Lambda
// receivers and the OAuth installer, none of which Quorum uses (issue 21: `quorum serve`'s start).
// Required, not imported: Bolt is CommonJS, and its module's `default` export reads the same under
// Node and under the test runner only this way.
import { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

const boltApp = createRequire(import.meta.url)('@slack/bolt/dist/App.js') as { default: typeof Bolt.App; LogLevel: typeof Bolt.LogLevel };

export const App = boltApp.default;
export const LogLevel = boltApp.LogLevel;
export type LogLevel = Bolt.LogLevel;
