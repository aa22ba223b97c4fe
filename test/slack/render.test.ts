import type { Button, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { runHelp } from '../../src/bot/core/commands/registry.js';
import type { Form, View } from '../../src/bot/core/types.js';
import { renderBlocks, renderFallback } from '../../src/bot/slack/render/blocks.js';
import { renderHomeView } from '../../src/bot/slack/render/home.js';
import { readFormValues, renderModal } from '../../src/bot/slack/render/modal.js';
import { checkMessage, checkSurface } from './support/block-kit.js';

const card: View = {
  fallback: 'CP-1: Initial conference. Your answer: No reply yet.',
  blocks: [
    { type: 'header', text: 'CP-1: *Initial* conference <Mon> & more' },
    { type: 'fields', fields: [{ label: 'Your answer', value: 'No reply yet' }, { label: 'Your agency', value: 'Police & Crime <Wilts>' }] },
    { type: 'text', text: '*Reply needed* by 12 Jan (Working Together 2023, ch. 2)' },
    { type: 'actions', actions: [{ label: 'Attending', style: 'primary', payload: { a: 'attend', c: 'CP-1', f: 'icpc-1' } }, { label: 'Declined', style: 'danger', payload: { a: 'decline', c: 'CP-1', f: 'icpc-1' } }] },
    { type: 'context', text: 'A report alone does not make your agency present.' },
    { type: 'divider' },
    { type: 'list', items: ['one', 'two'] },
  ],
};

function sections(blocks: KnownBlock[]): SectionBlock[] {
  return blocks.filter((b): b is SectionBlock => b.type === 'section');
}

describe('renderBlocks', () => {
  it('renders every core block type as valid Block Kit', () => {
    const blocks = renderBlocks(card);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context', 'divider', 'section']);
    expect(checkMessage(blocks, renderFallback(card))).toEqual([]);
  });

  it('escapes &, < and > in every text, and keeps *bold* as mrkdwn bold', () => {
    const blocks = renderBlocks(card);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'CP-1: Initial conference &lt;Mon&gt; &amp; more' } });
    expect(sections(blocks)[0]!.fields![1]!.text).toBe('*Your agency*\nPolice &amp; Crime &lt;Wilts&gt;');
    expect(sections(blocks)[1]!.text!.text).toBe('*Reply needed* by 12 Jan (Working Together 2023, ch. 2)');
    expect(JSON.stringify(blocks)).not.toMatch(/<Wilts>|<Mon>/);
  });

  it('puts the action payload in the button value and gives each button a unique action id', () => {
    const view: View = { fallback: 'x', blocks: [card.blocks[3]!, card.blocks[3]!] };
    const buttons = renderBlocks(view).flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]) : []));
    expect(buttons).toHaveLength(4);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(4);
    expect(buttons.every((b) => b.action_id!.startsWith('quorum:'))).toBe(true);
    expect(JSON.parse(buttons[0]!.value!)).toEqual({ a: 'attend', c: 'CP-1', f: 'icpc-1' });
    expect(buttons[1]!.style).toBe('danger');
    expect(checkMessage(renderBlocks(view))).toEqual([]);
  });

  it('splits a list longer than a section allows across sections', () => {
    const items = Array.from({ length: 120 }, (_, i) => `CP-${i}: *report due* 12 Jan 2026 & the standard is Working Together 2023`);
    const blocks = renderBlocks({ fallback: 'x', blocks: [{ type: 'list', items }] });
    expect(blocks.length).toBeGreaterThan(1);
    expect(sections(blocks).every((s) => s.text!.text.length <= 3000)).toBe(true);
    expect(sections(blocks).map((s) => s.text!.text).join('\n').split('\n')).toHaveLength(120);
    expect(checkMessage(blocks)).toEqual([]);
  });

  it('cuts a message at 50 blocks and says so, but lets App Home have 100', () => {
    const many: View = { fallback: 'x', blocks: Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })) };
    const message = renderBlocks(many);
    expect(message).toHaveLength(50);
    expect(message.at(-1)!.type).toBe('context');
    expect(checkMessage(message)).toEqual([]);
    expect(renderHomeView(many).blocks).toHaveLength(80);
  });

  it('truncates a header over 150 characters and drops empty text', () => {
    const blocks = renderBlocks({ fallback: 'x', blocks: [{ type: 'header', text: 'H'.repeat(400) }, { type: 'text', text: '' }, { type: 'context', text: ' ' }, { type: 'list', items: [] }] });
    expect(blocks).toHaveLength(1);
    expect(checkMessage(blocks)).toEqual([]);
  });

  it('renders the core help reply within every limit', () => {
    const view = runHelp().view!;
    expect(checkMessage(renderBlocks(view), renderFallback(view))).toEqual([]);
  });
});

const form: Form = {
  id: 'withhold',
  title: 'Report withheld from family',
  submitLabel: 'Save',
  intro: [{ type: 'text', text: 'CP-1: why <not> shared?' }, { type: 'context', text: 'Review due 3 Feb (Swindon CP procedures 4.2)' }],
  fields: [
    { type: 'choice', id: 'decision', label: 'Which decision?', required: true, options: [{ value: 'plan', label: 'Plan' }, { value: 'category', label: 'Category' }] },
    { type: 'choice', id: 'agency', label: 'Agency', required: false, options: Array.from({ length: 7 }, (_, i) => ({ value: `a${i}`, label: `Agency ${i}` })), initial: 'a3' },
    { type: 'choice', id: 'sectors', label: 'Sectors', required: false, multi: true, options: [{ value: 'police', label: 'Police' }] },
    { type: 'text', id: 'view', label: 'Your view', multiline: true, required: true, minLength: 10, maxLength: 3000, placeholder: 'In your words' },
    { type: 'date', id: 'when', label: 'When', required: false },
    { type: 'toggle', id: 'formal', label: 'Formal dissent' },
  ],
  state: { a: 'report_withheld', c: 'CP-1', f: 'icpc-1' },
};

describe('renderModal', () => {
  it('renders each field type as the matching input and round-trips the state', () => {
    const modal: ModalView = renderModal(form);
    expect(checkSurface(modal)).toEqual([]);
    expect(modal.title.text).toHaveLength(24);
    expect(modal.callback_id).toBe('quorum_form:withhold');
    expect(JSON.parse(modal.private_metadata!)).toEqual(form.state);
    const inputs = modal.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, (b as { element: { type: string } }).element.type])).toEqual([
      ['decision', 'radio_buttons'],
      ['agency', 'static_select'],
      ['sectors', 'multi_static_select'],
      ['view', 'plain_text_input'],
      ['when', 'datepicker'],
      ['formal', 'checkboxes'],
    ]);
    expect(inputs[3]).toMatchObject({ optional: false, element: { multiline: true, min_length: 10, max_length: 3000 } });
    expect(inputs[1]).toMatchObject({ optional: true, element: { initial_option: { value: 'a3' } } });
    expect(modal.blocks[0]).toMatchObject({ type: 'section', text: { text: 'CP-1: why &lt;not&gt; shared?' } });
  });

  it('reads every element type back into form values', () => {
    const state = {
      values: {
        decision: { value: { type: 'radio_buttons', selected_option: { value: 'plan' } } },
        agency: { value: { type: 'static_select', selected_option: null } },
        sectors: { value: { type: 'multi_static_select', selected_options: [{ value: 'police' }] } },
        view: { value: { type: 'plain_text_input', value: 'My view is this' } },
        when: { value: { type: 'datepicker', selected_date: '2026-02-03' } },
        formal: { value: { type: 'checkboxes', selected_options: [] } },
        stray: { other: { type: 'plain_text_input', value: 'ignored' } },
      },
    };
    expect(readFormValues(state)).toEqual({ decision: 'plan', agency: undefined, sectors: ['police'], view: 'My view is this', when: '2026-02-03', formal: false });
    expect(readFormValues(null)).toEqual({});
    expect(readFormValues({ values: 'nonsense' })).toEqual({});
  });
});
