// A View as plain text, for the terminal and for scripts: one line per block, `*bold*` unmarked.
import type { Block, View } from '../bot/core/types.js';

const unbold = (s: string) => s.replace(/\*([^*\n]+)\*/g, '$1');

function renderBlock(b: Block): string[] {
  switch (b.type) {
    case 'header':
      return [unbold(b.text), '='.repeat(Math.min(unbold(b.text).length, 80))];
    case 'text':
    case 'context':
      return [unbold(b.text)];
    case 'fields':
      return b.fields.map((f) => `${unbold(f.label)}: ${unbold(f.value)}`);
    case 'list':
      return b.items.map((i) => `- ${unbold(i)}`);
    case 'divider':
      return [''];
    case 'actions':
      // Buttons are for chat; on the command line they are only listed.
      return [`(in chat: ${b.actions.map((a) => `[${a.label}]`).join(' ')})`];
  }
}

export function renderText(view: View): string {
  const lines = view.blocks.length ? view.blocks.flatMap(renderBlock) : [unbold(view.fallback)];
  return `${lines.join('\n')}\n`;
}
