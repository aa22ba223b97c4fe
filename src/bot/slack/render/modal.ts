// The core's Form → a Slack modal, and a submitted modal's state → the core's FormValues.
// Each field is an input block whose block_id is the field id, so a core validation error that
// names a field maps straight onto `response_action: 'errors'`.
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Form, FormField, FormValues, View } from '../../core/types.js';
import { renderBlocks } from './blocks.js';
import { LIMITS, plain } from './text.js';

export const FORM_CALLBACK_PREFIX = 'quorum_form:';
/** Every input's action id: the block id already names the field. */
export const INPUT_ACTION_ID = 'value';
const RADIO_MAX_OPTIONS = 5;

export function renderModal(form: Form): ModalView {
  const intro = renderBlocks({ fallback: form.title, blocks: form.intro }, { maxBlocks: LIMITS.surfaceBlocks - form.fields.length });
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.id}`,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: JSON.stringify(form.state),
    blocks: [...intro, ...form.fields.map(renderField)],
  };
}

/** A modal that only shows a message: a refusal that names no field. */
export function renderMessageModal(title: string, view: View): ModalView {
  return { type: 'modal', title: plain(title, LIMITS.modalTitle), close: plain('Close', LIMITS.modalButton), blocks: renderBlocks(view, { maxBlocks: LIMITS.surfaceBlocks }) };
}

function renderField(field: FormField): InputBlock {
  const base = { type: 'input' as const, block_id: field.id, label: plain(field.label, LIMITS.inputLabel) };
  switch (field.type) {
    case 'choice': {
      const options = field.options.map(renderOption);
      const initial = options.find((o) => o.value === field.initial);
      if (field.multi) {
        return { ...base, optional: !field.required, element: { type: 'multi_static_select', action_id: INPUT_ACTION_ID, options, ...(initial ? { initial_options: [initial] } : {}) } };
      }
      const element =
        options.length <= RADIO_MAX_OPTIONS
          ? { type: 'radio_buttons' as const, action_id: INPUT_ACTION_ID, options, ...(initial ? { initial_option: initial } : {}) }
          : { type: 'static_select' as const, action_id: INPUT_ACTION_ID, options, ...(initial ? { initial_option: initial } : {}) };
      return { ...base, optional: !field.required, element };
    }
    case 'text':
      return {
        ...base,
        optional: !field.required,
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: field.multiline,
          max_length: Math.min(field.maxLength, 3000),
          ...(field.minLength ? { min_length: Math.min(field.minLength, field.maxLength) } : {}),
          ...(field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {}),
        },
      };
    case 'date':
      return { ...base, optional: !field.required, element: { type: 'datepicker', action_id: INPUT_ACTION_ID } };
    case 'toggle':
      // A single checkbox: unticked is an answer, so the input is optional.
      return { ...base, optional: true, element: { type: 'checkboxes', action_id: INPUT_ACTION_ID, options: [{ text: plain(field.label, LIMITS.optionText), value: 'on' }] } };
  }
}

function renderOption(o: { value: string; label: string }): PlainTextOption {
  return { text: plain(o.label, LIMITS.optionText), value: o.value.slice(0, LIMITS.optionValue) };
}

/** The submitted values, by field id, read the way each element type reports them. */
export function readFormValues(state: unknown): FormValues {
  const out: FormValues = {};
  const values = (state as { values?: unknown } | null)?.values;
  if (!values || typeof values !== 'object') return out;
  for (const [blockId, actions] of Object.entries(values as Record<string, Record<string, unknown>>)) {
    const input = actions?.[INPUT_ACTION_ID] as Record<string, unknown> | undefined;
    if (!input || typeof input !== 'object') continue;
    out[blockId] = readInput(input);
  }
  return out;
}

function readInput(input: Record<string, unknown>): string | string[] | boolean | undefined {
  const selected = (o: unknown) => (o && typeof o === 'object' ? String((o as { value?: unknown }).value ?? '') : undefined);
  switch (input.type) {
    case 'plain_text_input':
      return typeof input.value === 'string' ? input.value : undefined;
    case 'radio_buttons':
    case 'static_select':
      return selected(input.selected_option) || undefined;
    case 'multi_static_select':
      return Array.isArray(input.selected_options) ? input.selected_options.map(selected).filter((v): v is string => Boolean(v)) : [];
    case 'datepicker':
      return typeof input.selected_date === 'string' ? input.selected_date : undefined;
    case 'checkboxes':
      return Array.isArray(input.selected_options) && input.selected_options.length > 0;
    default:
      return undefined;
  }
}

