// `qa`: a QA manager's timeliness figures for the last three complete months, for the partnership(s)
// they assure (QA manager on any of its cases), with no link in it: the full report with charts is
// `quorum report timeliness --format html`. Everyone else is told who it is for. Audited as one read.
import { londonDate } from '../../../rules/calendar.js';
import { defaultPeriod, MEASURES, type Figure, type Measure, type PartnershipTimeliness } from '../../../rules/timeliness/index.js';
import { medianText, nationalText, periodText, share } from '../../../report/words.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { Block, CoreReply, View } from '../types.js';

export const QA_ONLY = '`qa` is for QA managers: it shows the timeliness figures of the partnership whose conferences they assure. Ask your conference service if you should have that role on a case.';

// The headline figures, in the report's order; the inquorate count is the quorate figure's other side.
const HEADLINE: readonly Measure[] = MEASURES.filter((m) => m !== 'proceeded_inquorate');

const MAX_LISTED = 10;

export async function runQa(h: HandlerContext): Promise<CoreReply> {
  const rows = await h.repo.qaPartnershipsOf(h.person.id);
  if (rows.length === 0) throw new CoreError('NOT_ALLOWED', QA_ONLY);
  const reports = await h.repo.timeliness(rows, defaultPeriod(londonDate(h.req.now)));
  return { view: renderQa(reports) };
}

function line(f: Figure): string {
  const median = medianText(f.median);
  let text = `*${f.title}*: ${share(f)}${median ? `, ${median}` : ''}`;
  if (f.measure === 'icpc_within_15_working_days' && f.exceptions.length) {
    const shown = f.exceptions.slice(0, MAX_LISTED);
    text += `. Late: ${shown.join(', ')}${f.exceptions.length > shown.length ? ` and ${f.exceptions.length - shown.length} more` : ''}`;
  }
  return `${text} (${f.standard})`;
}

export function renderQa(reports: PartnershipTimeliness[]): View {
  const blocks: Block[] = [];
  for (const r of reports) {
    const head = r.figures.filter((f) => f.groupKind === 'all' && HEADLINE.includes(f.measure));
    blocks.push(
      { type: 'header', text: `Timeliness: ${r.partnership}` },
      { type: 'text', text: `${periodText(r.period)}, ${r.caseCount} case${r.caseCount === 1 ? '' : 's'} read.` },
      { type: 'list', items: head.map(line) },
      { type: 'context', text: `Initial conferences, for comparison: ${nationalText}.` },
    );
  }
  blocks.push({ type: 'context', text: 'Every agency and sector, and the charts: `quorum report timeliness --format html` on the Quorum server, or ask its administrator.' });
  const first = reports[0]!;
  const icpc = first.figures.find((f) => f.measure === 'icpc_within_15_working_days')!;
  return { fallback: `Timeliness for ${first.partnership}: initial conferences within 15 working days ${share(icpc)}.`, blocks };
}
