// A form's text field is declared once: the same limits the platform shows are the ones enforced here.
import { CoreError } from '../errors.js';
import type { FormField, FormValues } from '../types.js';

export type TextField = Extract<FormField, { type: 'text' }>;

/** The trimmed value of a text field, or a CoreError naming the field and what was wrong. */
export function readTextField(field: TextField, values: FormValues, tooShort: string): string {
  const raw = values[field.id];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length < Math.max(field.minLength ?? 0, field.required ? 1 : 0)) throw new CoreError('INVALID_FIELD', tooShort, field.id);
  if (value.length > field.maxLength) throw new CoreError('INVALID_FIELD', `At most ${field.maxLength} characters.`, field.id);
  return value;
}
