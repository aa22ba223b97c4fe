// Reads a form card's Action.Execute data back into the core's (formId, state, values).
import type { FormValues } from '../../core/types.js';
import type { FormSubmitData } from './form-card.js';

const RESERVED = new Set(['form', 'state', 'toggles', 'multi', 'verb', 'msteams']);

export interface FormSubmission {
  formId: string;
  state: unknown;
  values: FormValues;
}

/** Anything malformed comes back as an empty form id: the core then refuses it with BAD_FORM. */
export function readFormSubmission(data: unknown): FormSubmission {
  const d = (data && typeof data === 'object' ? data : {}) as Partial<FormSubmitData> & Record<string, unknown>;
  const toggles = new Set(stringList(d.toggles));
  const multi = new Set(stringList(d.multi));
  const values: FormValues = {};
  for (const [key, raw] of Object.entries(d)) {
    if (RESERVED.has(key) || typeof raw !== 'string') continue;
    if (toggles.has(key)) values[key] = raw === 'true';
    else if (multi.has(key)) values[key] = raw === '' ? [] : raw.split(',');
    // Teams sends an input left empty as "": the core treats a missing value as not given.
    else if (raw.trim() !== '') values[key] = raw;
  }
  for (const id of toggles) values[id] ??= false;
  return { formId: typeof d.form === 'string' ? d.form : '', state: d.state, values };
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 20) : [];
}
