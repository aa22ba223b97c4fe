// "Withheld from the family": the reason is required (the standards ask for it to be recorded).
import type { HandlerContext } from '../handler.js';
import { recordReport } from '../actions/report.js';
import type { ActionPayload, CoreReply, Form, FormValues } from '../types.js';
import { readTextField, type TextField } from './text-field.js';

const REASON: TextField = { type: 'text', id: 'reason', label: 'Reason', multiline: true, required: true, minLength: 10, maxLength: 1000 };

export function withholdForm(p: ActionPayload): Form {
  return {
    id: 'withhold',
    title: 'Report withheld from family',
    submitLabel: 'Save',
    intro: [{ type: 'text', text: `${p.c}: why is your report not being shared with the family before the conference?` }],
    fields: [REASON],
    state: { ...p, a: 'report_withheld' },
  };
}

export async function submitWithhold(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const reason = readTextField(REASON, values, 'Give the reason (at least 10 characters).');
  h.freeText.push(reason);
  return recordReport(h, state, { kind: 'withheld', reason });
}
