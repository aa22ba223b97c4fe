// App Home / welcome: my upcoming deadlines and the cards waiting for me.
import type { HandlerContext } from './handler.js';
import type { Block, View } from './types.js';
import { collectMine } from './commands/mine.js';
import { countOf } from './views/format.js';

export async function renderHomeFor(h: HandlerContext): Promise<View> {
  const items = await collectMine(h);
  const blocks: Block[] = [{ type: 'header', text: 'Quorum: what is due for you' }];
  const deadlines = items.filter((i) => !i.awaitingReply);
  blocks.push(deadlines.length ? { type: 'list', items: deadlines.slice(0, 30).map((i) => i.line) } : { type: 'text', text: 'Nothing is due for you in the next 10 working days.' });
  const waiting = items.filter((i) => i.awaitingReply);
  if (waiting.length) {
    blocks.push({ type: 'divider' }, { type: 'text', text: '*Waiting for your answer*' });
    for (const w of waiting.slice(0, 10)) {
      blocks.push({ type: 'text', text: w.line }, {
        type: 'actions',
        actions: [
          { label: 'Attending', style: 'primary', payload: { a: 'attend', c: w.caseRef, f: w.awaitingReply!.conference } },
          { label: 'Sending a colleague', payload: { a: 'deputy', c: w.caseRef, f: w.awaitingReply!.conference } },
          { label: "Can't attend: report only", payload: { a: 'report_only', c: w.caseRef, f: w.awaitingReply!.conference } },
          { label: 'Declined', style: 'danger', payload: { a: 'decline', c: w.caseRef, f: w.awaitingReply!.conference } },
        ],
      });
    }
  }
  blocks.push({ type: 'context', text: 'Type `help` for commands. Cases appear by reference and initials only.' });
  return { fallback: `${countOf(items.length, 'thing needs', 'things need')} you in the next 10 working days.`, blocks };
}
