// Listeners run after the ack: an unexpected failure is logged by code and never escapes to Bolt
// (whose error logging could quote the payload).
import type { Logger } from 'pino';

export async function safely(log: Logger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error({ code: (err as { code?: string }).code ?? 'SLACK_LISTENER_FAILED', type: (err as Error)?.name, listener: what }, 'slack listener failed');
  }
}
