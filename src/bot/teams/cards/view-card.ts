// A core View as an Adaptive Card: header, text, facts, lists, context and Action.Execute buttons.
import type { Action, Block, View } from '../../core/types.js';
import { richText, toPlainText } from './rich-text.js';
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
      return richText(block.text, { size: 'Large', weight: 'Bolder' });
    case 'text':
      return richText(block.text);
    case 'fields':
      if (block.fields.length === 0) return undefined;
      // Label and value side by side, as a FactSet shows them, but never parsed as Markdown.
      return { type: 'Container', items: block.fields.map((f) => ({ type: 'ColumnSet', spacing: 'Small', columns: [column(f.label, 1, { weight: 'Bolder' }), column(f.value, 2)] })) };
    case 'list':
      if (block.items.length === 0) return undefined;
      // One block per item: Markdown lists render unevenly across Teams clients.
      return { type: 'Container', items: block.items.map((item) => richText(`• ${item}`, {}, { spacing: 'Small' })) };
    case 'context':
      return richText(block.text, { isSubtle: true, size: 'Small' });
    case 'actions':
      if (block.actions.length === 0) return undefined;
      return { type: 'ActionSet', actions: block.actions.map(renderAction) };
  }
}

function column(text: string, width: number, style: { weight?: 'Bolder' } = {}): CardElement {
  return { type: 'Column', width, items: [richText(text, style)] };
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
