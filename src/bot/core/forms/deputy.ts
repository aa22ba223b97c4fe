// "Sending a colleague": asks who, then records the answer.
import type { HandlerContext } from '../handler.js';
import { recordAnswer } from '../actions/respond.js';
import type { ActionPayload, CoreReply, Form, FormValues } from '../types.js';
import { readTextField, type TextField } from './text-field.js';

const DEPUTY: TextField = { type: 'text', id: 'deputy', label: "Colleague's name and role", multiline: false, required: true, minLength: 2, maxLength: 120 };

export function deputyForm(p: ActionPayload): Form {
  return {
    id: 'deputy',
    title: 'Sending a colleague',
    submitLabel: 'Save',
    intro: [{ type: 'text', text: `${p.c}: who will attend for your agency? They should be briefed and bring your written report.` }],
    fields: [DEPUTY],
    state: { ...p, a: 'deputy' },
  };
}

export async function submitDeputy(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const deputy = readTextField(DEPUTY, values, "Give your colleague's name (at least 2 characters).");
  h.freeText.push(deputy);
  return recordAnswer(h, state, 'deputy', deputy);
}
