// "Withheld from the family": the reason is required (the standards ask for it to be recorded).
import { z } from 'zod';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { recordReport } from '../actions/report.js';
import type { ActionPayload, CoreReply, Form, FormValues } from '../types.js';

export function withholdForm(p: ActionPayload): Form {
  return {
    id: 'withhold',
    title: 'Report withheld from family',
    submitLabel: 'Save',
    intro: [{ type: 'text', text: `${p.c}: why is your report not being shared with the family before the conference?` }],
    fields: [{ type: 'text', id: 'reason', label: 'Reason', multiline: true, required: true, minLength: 10, maxLength: 1000 }],
    state: { ...p, a: 'report_withheld' },
  };
}

const reasonSchema = z.string().trim().min(10, 'Give the reason (at least 10 characters).').max(1000, 'At most 1000 characters.');

export async function submitWithhold(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const parsed = reasonSchema.safeParse(values.reason);
  if (!parsed.success) throw new CoreError('INVALID_FIELD', parsed.error.issues[0]!.message, 'reason');
  return recordReport(h, state, { kind: 'withheld', reason: parsed.data });
}
