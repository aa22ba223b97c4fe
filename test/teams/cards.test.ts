// The Adaptive Card builders: every block and field type, escaping, and validation with the
// Adaptive Cards SDK.
import { describe, expect, it } from 'vitest';
import type { Form, View } from '../../src/bot/core/types.js';
import { renderFormCard } from '../../src/bot/teams/cards/form-card.js';
import { readFormSubmission } from '../../src/bot/teams/cards/form-values.js';
import { textRuns } from '../../src/bot/teams/cards/rich-text.js';
import { renderViewCard } from '../../src/bot/teams/cards/view-card.js';
import { invokeResult, replyActivity } from '../../src/bot/teams/reply.js';
import { cardProblems } from './card-validation.js';

const VIEW: View = {
  fallback: 'CP-1: 3 deadline(s) coming, 1 overdue.',
  blocks: [
    { type: 'header', text: 'CP-1: coming deadlines' },
    { type: 'context', text: 'Children: A.B.' },
    { type: 'list', items: ['*OVERDUE* *Reports*: due 3 working days before the conference (Swindon standard 4).', '*Minutes*: within 20 working days.'] },
    { type: 'divider' },
    { type: 'fields', fields: [{ label: 'Your answer', value: 'No reply yet' }, { label: 'Agency', value: 'Demo Police' }] },
    { type: 'text', text: 'Plain text with [a link](http://x) and _under_ and `code`.' },
    {
      type: 'actions',
      actions: [
        { label: 'Attending', style: 'primary', payload: { a: 'attend', c: 'CP-1', f: 'icpc-1' } },
        { label: 'Declined', style: 'danger', payload: { a: 'decline', c: 'CP-1', f: 'icpc-1', n: 12 } },
        { label: 'Sending a colleague', payload: { a: 'deputy', c: 'CP-1', f: 'icpc-1' } },
      ],
    },
  ],
};

const FORM: Form = {
  id: 'dissent',
  title: 'Professional dissent',
  submitLabel: 'Record dissent',
  intro: [{ type: 'text', text: 'CP-1: dissent from the decision of the initial conference.' }, { type: 'context', text: '*Formal dissent window closes*: within 10 working days (Swindon standard 4).' }],
  fields: [
    { type: 'choice', id: 'decision', label: 'Which decision?', required: true, options: [{ value: 'plan', label: 'The plan' }, { value: 'category', label: 'The category' }] },
    { type: 'choice', id: 'agencies', label: 'Agencies', required: false, multi: true, initial: 'police', options: [{ value: 'police', label: 'Police' }, { value: 'health', label: 'Health' }] },
    { type: 'text', id: 'view', label: 'Your professional view', multiline: true, required: true, minLength: 10, maxLength: 3000, placeholder: 'What and why' },
    { type: 'text', id: 'note', label: 'Note', multiline: false, required: false, maxLength: 200 },
    { type: 'date', id: 'when', label: 'Date of the decision', required: true },
    { type: 'toggle', id: 'formal', label: 'Formal dissent' },
  ],
  state: { a: 'dissent_open', c: 'CP-1', f: 'icpc-1' },
};

describe('teams view card', () => {
  const card = renderViewCard(VIEW);

  it('renders every block type as a valid Adaptive Card 1.5', () => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    const types = card.body.map((e) => e.type);
    expect(types).toEqual(['RichTextBlock', 'RichTextBlock', 'Container', 'Container', 'RichTextBlock', 'ActionSet']);
    expect((card.body[0] as any).inlines[0]).toMatchObject({ size: 'Large', weight: 'Bolder' });
    expect((card.body[1] as any).inlines[0]).toMatchObject({ isSubtle: true, size: 'Small' });
    expect(card.body[3]).toMatchObject({ separator: true });
    expect(card.fallbackText).toBe(VIEW.fallback);
  });

  it('turns buttons into Action.Execute with the payload as data and the action id as verb', () => {
    const actions = (card.body[5] as any).actions;
    expect(actions[0]).toEqual({ type: 'Action.Execute', title: 'Attending', verb: 'attend', data: { a: 'attend', c: 'CP-1', f: 'icpc-1' }, style: 'positive' });
    expect(actions[1]).toMatchObject({ verb: 'decline', data: { n: 12 }, style: 'destructive' });
    expect(actions[2].style).toBeUndefined();
  });

  it('keeps *bold* as weight and `commands` as monospace, and passes every other character through as is', () => {
    expect(textRuns('*OVERDUE* *Reports*: x')).toEqual([
      { type: 'TextRun', text: 'OVERDUE', weight: 'Bolder' },
      { type: 'TextRun', text: ' ' },
      { type: 'TextRun', text: 'Reports', weight: 'Bolder' },
      { type: 'TextRun', text: ': x' },
    ]);
    expect(textRuns('run `next CP-1` now')).toEqual([{ type: 'TextRun', text: 'run ' }, { type: 'TextRun', text: 'next CP-1', fontType: 'Monospace' }, { type: 'TextRun', text: ' now' }]);
    // TextRuns are never parsed as Markdown: no escapes needed, and none to show on mobile.
    expect(textRuns('[a link](http://x) _u_ - not a list a * b')).toEqual([{ type: 'TextRun', text: '[a link](http://x) _u_ - not a list a * b' }]);
  });
});

describe('teams form card', () => {
  const card = renderFormCard(FORM);
  const byId = (id: string) => card.body.find((e) => e.id === id) as any;

  it('renders every field type as a valid Adaptive Card 1.5', () => {
    expect(cardProblems(card)).toEqual([]);
    expect(byId('decision')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, isMultiSelect: false, choices: [{ title: 'The plan', value: 'plan' }, { title: 'The category', value: 'category' }] });
    expect(byId('agencies')).toMatchObject({ isMultiSelect: true, value: 'police', isRequired: false });
    expect(byId('view')).toMatchObject({ type: 'Input.Text', isRequired: true, isMultiline: true, maxLength: 3000, regex: '^[\\s\\S]{10,}$', placeholder: 'What and why' });
    expect(byId('view').errorMessage).toMatch(/at least 10/);
    expect(new RegExp(byId('view').regex).test('short')).toBe(false);
    expect(new RegExp(byId('view').regex).test('long enough\nacross lines')).toBe(true);
    expect(byId('note').regex).toBeUndefined();
    expect(byId('when')).toMatchObject({ type: 'Input.Date', isRequired: true });
    expect(byId('formal')).toMatchObject({ type: 'Input.Toggle', title: 'Formal dissent', valueOn: 'true', valueOff: 'false' });
  });

  it('submits with verb form_submit carrying the form id and state', () => {
    const set = card.body.at(-1) as any;
    expect(set.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'form_submit', title: 'Record dissent', data: { form: 'dissent', state: FORM.state, toggles: ['formal'], multi: ['agencies'] } });
  });

  it('shows a validation error above the fields', () => {
    const withError = renderFormCard(FORM, { message: 'Write at least 10 characters.', field: 'view' });
    expect(cardProblems(withError)).toEqual([]);
    expect(JSON.stringify(withError)).toContain('"color":"Attention"');
  });

  it('reads a submission back into values: toggles as booleans, multi-selects as lists, blanks dropped', () => {
    const data = { form: 'dissent', state: FORM.state, toggles: ['formal'], multi: ['agencies'], decision: 'plan', agencies: 'police,health', view: 'A long enough view.', note: '', formal: 'true' };
    expect(readFormSubmission(data)).toEqual({ formId: 'dissent', state: FORM.state, values: { decision: 'plan', agencies: ['police', 'health'], view: 'A long enough view.', formal: true } });
    expect(readFormSubmission('junk')).toEqual({ formId: '', state: undefined, values: {} });
  });
});

describe('teams reply rendering', () => {
  it('sends a view as a card with its fallback as the summary, and an error as text', () => {
    expect(replyActivity({ view: VIEW })).toMatchObject({ type: 'message', summary: VIEW.fallback, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    expect(replyActivity({ form: FORM }).attachments?.[0]?.content).toEqual(renderFormCard(FORM));
    expect(replyActivity({ error: { code: 'X', message: 'No.' } })).toEqual({ type: 'message', text: 'No.' });
  });

  it('answers a click with the new card, the form, or a message for a refusal', () => {
    expect(invokeResult({ view: VIEW, replace: true })).toEqual(renderViewCard(VIEW));
    expect(invokeResult({ form: FORM })).toEqual(renderFormCard(FORM));
    expect(invokeResult({ error: { code: 'NOT_INVITED', message: 'You are not invited.' }, view: VIEW })).toBe('You are not invited.');
  });
});
