// What every command, action and form handler receives: the repository of the request's
// transaction, who is asking, and the request itself.
import type { Person } from '../../store/people.js';
import type { CaseRepository } from '../../store/repository/index.js';
import type { CoreDeps, RequestContext } from './types.js';

export interface HandlerContext {
  repo: CaseRepository;
  deps: CoreDeps;
  req: RequestContext;
  person: Person;
  /** Free text this request carried (notes, views): the replay record keeps none of it. */
  freeText: string[];
}
