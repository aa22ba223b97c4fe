// "Sending a colleague": asks who, then records the answer.
import { z } from 'zod';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import { recordAnswer } from '../actions/respond.js';
import type { ActionPayload, CoreReply, Form, FormValues } from '../types.js';

export function deputyForm(p: ActionPayload): Form {
  return {
    id: 'deputy',
    title: 'Sending a colleague',
    submitLabel: 'Save',
    intro: [{ type: 'text', text: `${p.c}: who will attend for your agency? They should be briefed and bring your written report.` }],
    fields: [{ type: 'text', id: 'deputy', label: "Colleague's name and role", multiline: false, required: true, minLength: 2, maxLength: 120 }],
    state: { ...p, a: 'deputy' },
  };
}

const deputySchema = z.string().trim().min(2, 'Give your colleague\'s name (at least 2 characters).').max(120, 'At most 120 characters.');

export async function submitDeputy(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const parsed = deputySchema.safeParse(values.deputy);
  if (!parsed.success) throw new CoreError('INVALID_FIELD', parsed.error.issues[0]!.message, 'deputy');
  return recordAnswer(h, state, 'deputy', parsed.data);
}
