// The core's text is plain, with `*bold*` and `` `command` `` as its only marks. Teams parses a
// TextBlock's text as Markdown, and escaping it with backslashes shows the backslashes on Teams
// mobile; a TextRun is never parsed. So every piece of text goes out as TextRuns in a RichTextBlock:
// bold as weight, commands in monospace, and user text (a case note) can never become a link.
import type { CardElement } from './types.js';

export interface TextStyle {
  size?: 'Small' | 'Large';
  weight?: 'Bolder';
  isSubtle?: boolean;
  color?: 'Attention';
}

const MARKS = /\*([^*\n]+)\*|`([^`\n]+)`/g;

/** The text as TextRuns: `*bold*` bolder, `` `cmd` `` monospace, the rest literal. */
export function textRuns(text: string, style: TextStyle = {}): CardElement[] {
  const runs: CardElement[] = [];
  const push = (t: string, extra: Record<string, unknown> = {}) => {
    if (t) runs.push({ type: 'TextRun', text: t, ...style, ...extra });
  };
  let last = 0;
  for (const m of text.matchAll(MARKS)) {
    push(text.slice(last, m.index));
    if (m[1] !== undefined) push(m[1], { weight: 'Bolder' });
    else push(m[2]!, { fontType: 'Monospace' });
    last = m.index! + m[0].length;
  }
  push(text.slice(last));
  return runs;
}

/** A RichTextBlock of the text (one of `textRuns`). */
export function richText(text: string, style: TextStyle = {}, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: textRuns(text, style), ...extra };
}

/** Plain text for places that show no formatting (titles, labels, fallback): the marks dropped. */
export function toPlainText(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, '$1').replace(/`([^`\n]+)`/g, '$1');
}
