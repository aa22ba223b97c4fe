// A core Form as an Adaptive Card with inputs. Teams validates required fields, lengths and the
// regex before sending; the core validates again, since a client can send anything.
import type { Form, FormField } from '../../core/types.js';
import { richText, toPlainText } from './rich-text.js';
import { FORM_SUBMIT_VERB, makeCard, type AdaptiveCard, type CardElement } from './types.js';
import { renderBlocks } from './view-card.js';

/** What the submit button carries back, besides the inputs' values. */
export interface FormSubmitData {
  form: string;
  state: Form['state'];
  /** Ids of toggles and multi-selects, whose values arrive as strings and are converted back. */
  toggles?: string[];
  multi?: string[];
}

export function renderFormCard(form: Form, error?: { message: string; field?: string }): AdaptiveCard {
  const body: CardElement[] = [richText(form.title, { size: 'Large', weight: 'Bolder' })];
  body.push(...renderBlocks(form.intro));
  if (error) body.push(richText(error.message, { color: 'Attention', weight: 'Bolder' }));
  body.push(...form.fields.map(renderField));
  const toggles = form.fields.filter((f) => f.type === 'toggle').map((f) => f.id);
  const multi = form.fields.filter((f) => f.type === 'choice' && f.multi).map((f) => f.id);
  const data: FormSubmitData = { form: form.id, state: form.state, ...(toggles.length ? { toggles } : {}), ...(multi.length ? { multi } : {}) };
  body.push({
    type: 'ActionSet',
    actions: [{ type: 'Action.Execute', title: toPlainText(form.submitLabel), verb: FORM_SUBMIT_VERB, data, style: 'positive', associatedInputs: 'auto' }],
  });
  return makeCard(body, toPlainText(form.title));
}

function renderField(field: FormField): CardElement {
  const label = toPlainText(field.label);
  switch (field.type) {
    case 'choice':
      return {
        type: 'Input.ChoiceSet',
        id: field.id,
        label,
        isRequired: field.required,
        isMultiSelect: Boolean(field.multi),
        style: field.options.length <= 5 ? 'expanded' : 'compact',
        choices: field.options.map((o) => ({ title: toPlainText(o.label), value: o.value })),
        ...(field.initial ? { value: field.initial } : {}),
        ...(field.required ? { errorMessage: field.requiredMessage ?? `Please answer: ${label}` } : {}),
      };
    case 'text': {
      const min = field.minLength ?? 0;
      return {
        type: 'Input.Text',
        id: field.id,
        label,
        isRequired: field.required,
        isMultiline: field.multiline,
        maxLength: field.maxLength,
        ...(min > 0 ? { regex: `^[\\s\\S]{${min},}$` } : {}),
        ...(field.placeholder ? { placeholder: toPlainText(field.placeholder) } : {}),
        errorMessage: min > 0 ? `Write at least ${min} characters (at most ${field.maxLength}).` : `Write at most ${field.maxLength} characters.`,
      };
    }
    case 'date':
      return { type: 'Input.Date', id: field.id, label, isRequired: field.required, ...(field.required ? { errorMessage: `Give ${lower(label)}.` } : {}) };
    case 'toggle':
      return { type: 'Input.Toggle', id: field.id, title: label, valueOn: 'true', valueOff: 'false', value: 'false' };
  }
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
