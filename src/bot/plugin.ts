// What each part of a running Quorum gets from the composition root, and gives back.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Route } from '../server.js';
import type { Store } from '../store/db.js';
import type { ChannelSender, CoreDeps } from './core/types.js';

export interface AppContext {
  config: Config;
  store: Store;
  core: CoreDeps;
  log: Logger;
}

export interface Mounted {
  routes?: Route[];
  senders?: ChannelSender[];
  stop?: () => Promise<void> | void;
  /** Resolves when work still running after its HTTP answer has finished (tests wait on it). */
  settled?: () => Promise<void>;
}

export interface SchedulerHandle {
  /** Send what is due now (after a chat action wrote outbox rows). */
  kick(): void;
  stop(): Promise<void>;
}
