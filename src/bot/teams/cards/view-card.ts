// A core View as an Adaptive Card: header, text, facts, lists, context and Action.Execute buttons.
import type { Action, Block, View } from '../../core/types.js';
import { toCardMarkdown, toPlainText } from './markdown.js';
import { makeCard, type AdaptiveCard, type CardElement } from './types.js';

const ACTION_STYLE = { primary: 'positive', danger: 'destructive' } as const;

export function renderViewCard(view: View): AdaptiveCard {
  return makeCard(renderBlocks(view.blocks), toPlainText(view.fallback));
}

export function renderBlocks(blocks: Block[]): CardElement[] {
  const body: CardElement[] = [];
  let separator = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separator = true;
      continue;
    }
    const element = renderBlock(block);
    if (!element) continue;
    if (separator) element.separator = true;
    separator = false;
    body.push(element);
  }
  return body;
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>): CardElement | undefined {
  switch (block.type) {
    case 'header':
      return { type: 'TextBlock', text: toCardMarkdown(block.text), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
    case 'text':
      return { type: 'TextBlock', text: toCardMarkdown(block.text), wrap: true };
    case 'fields':
      if (block.fields.length === 0) return undefined;
      return { type: 'FactSet', facts: block.fields.map((f) => ({ title: toPlainText(f.label), value: toCardMarkdown(f.value) })) };
    case 'list':
      if (block.items.length === 0) return undefined;
      // One TextBlock per item: Markdown lists render unevenly across Teams clients.
      return { type: 'Container', items: block.items.map((item) => ({ type: 'TextBlock', text: `• ${toCardMarkdown(item)}`, wrap: true, spacing: 'Small' })) };
    case 'context':
      return { type: 'TextBlock', text: toCardMarkdown(block.text), wrap: true, isSubtle: true, size: 'Small' };
    case 'actions':
      if (block.actions.length === 0) return undefined;
      return { type: 'ActionSet', actions: block.actions.map(renderAction) };
  }
}

/** Universal Action: Teams sends an `adaptiveCard/action` invoke whose data is the payload. */
export function renderAction(action: Action): CardElement {
  return {
    type: 'Action.Execute',
    title: toPlainText(action.label),
    verb: action.payload.a,
    data: { ...action.payload },
    ...(action.style ? { style: ACTION_STYLE[action.style] } : {}),
  };
}
