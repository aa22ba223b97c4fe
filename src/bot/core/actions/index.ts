// Button clicks, by action id.
import { dissentForm } from '../forms/dissent.js';
import { deputyForm } from '../forms/deputy.js';
import { outcomeForm } from '../forms/outcome.js';
import { withholdForm } from '../forms/withhold.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply } from '../types.js';
import { bookAnyway } from './book-anyway.js';
import { recordReport } from './report.js';
import { openMyInvitation, recordAnswer } from './respond.js';
import { snoozeNudge } from './snooze.js';

export async function runActionFor(h: HandlerContext, p: ActionPayload): Promise<CoreReply> {
  switch (p.a) {
    case 'attend':
      return recordAnswer(h, p, 'attending');
    case 'report_only':
      return recordAnswer(h, p, 'report_only');
    case 'decline':
      return recordAnswer(h, p, 'declined');
    case 'deputy':
      await openMyInvitation(h, p); // refuse before asking who
      return { form: deputyForm(p) };
    case 'report_submitted':
      return recordReport(h, p, { kind: 'submitted' });
    case 'report_shared':
      return recordReport(h, p, { kind: 'shared' });
    case 'report_withheld':
      await openMyInvitation(h, p, 'update your report');
      return { form: withholdForm(p) };
    case 'snooze':
      return snoozeNudge(h, p);
    case 'dissent_open':
      return { form: await dissentForm(h, p.c) };
    case 'outcome_open':
      return { form: await outcomeForm(h, p.c, p.f) };
    case 'book_anyway':
      return bookAnyway(h, p);
  }
}
