// Form submissions, by form id.
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply, FormId, FormValues } from '../types.js';
import { submitDeputy } from './deputy.js';
import { submitDissent } from './dissent.js';
import { submitOutcome } from './outcome-submit.js';
import { submitWithhold } from './withhold.js';

export async function submitFormFor(h: HandlerContext, id: FormId, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  switch (id) {
    case 'dissent':
      return submitDissent(h, state, values);
    case 'deputy':
      return submitDeputy(h, state, values);
    case 'withhold':
      return submitWithhold(h, state, values);
    case 'outcome':
      return submitOutcome(h, state, values);
  }
}
