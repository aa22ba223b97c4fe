// What every command, action and form handler receives.
import type { Executor } from '../../store/db.js';
import type { Person } from '../../store/people.js';
import type { CoreDeps, RequestContext } from './types.js';

export interface HandlerContext {
  tx: Executor;
  deps: CoreDeps;
  req: RequestContext;
  person: Person;
  actor: string;
  /** Set by a handler that changed a case, so nudges are re-planned before commit. */
  changedCaseIds: Set<number>;
}

export function auditBase(h: HandlerContext, caseRef: string) {
  return { actor: h.actor, caseRef, correlationId: h.req.correlationId };
}
