// The core's text is plain with `*bold*` as the only markup. Adaptive Card TextBlocks read a
// subset of Markdown, so everything else is escaped: a case note can never become a link or a list.
// Only what changes formatting is escaped: clients without Markdown would show extra backslashes.
const SPECIAL = /[\\`*_[\]~]/g;

function escapeMarkdown(s: string): string {
  // A leading "- " or "1. " would turn a line into a list.
  return s.replace(SPECIAL, (c) => `\\${c}`).replace(/^(\s*)([-+#>]|\d+\.)(\s)/gm, (_m, pre: string, mark: string, sp: string) => `${pre}\\${mark}${sp}`);
}

/** Converts core text (`*bold*`) to TextBlock Markdown (`**bold**`), escaping the rest. */
export function toCardMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\*([^*\n]+)\*/g)) {
    out += escapeMarkdown(text.slice(last, m.index));
    out += `**${escapeMarkdown(m[1]!)}**`;
    last = m.index! + m[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}

/** Plain text for places that show no Markdown (titles, choice labels): the bold marks dropped. */
export function toPlainText(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, '$1');
}
