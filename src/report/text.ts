// The timeliness report as plain text for a QA manager's terminal: one section per partnership,
// each figure with its share, the cases behind it, how it is computed and the standard.
import type { Figure, PartnershipTimeliness } from '../rules/timeliness/index.js';
import { exceptionsLabel, groupName, medianText, nationalText, periodText, share } from './words.js';

function headline(f: Figure): string {
  const median = medianText(f.median);
  return `${f.title}: ${share(f)}${median ? `, ${median}` : ''}`;
}

function renderFigure(f: Figure, groups: Figure[]): string[] {
  const lines = [headline(f)];
  if (f.measure === 'icpc_within_15_working_days') lines.push(`  For comparison: ${nationalText}.`);
  for (const kind of ['agency', 'sector'] as const) {
    const list = groups.filter((g) => g.groupKind === kind);
    if (list.length === 0) continue;
    lines.push(`  By ${kind}:`);
    for (const g of list) lines.push(`    ${groupName(g)}: ${share(g)}${g.median !== undefined && g.median !== null ? `, ${medianText(g.median)}` : ''}`);
  }
  if (f.exceptions.length) lines.push(`  ${exceptionsLabel(f)}: ${f.exceptions.join(', ')}`);
  lines.push(`  How: ${f.how}`, `  Standard: ${f.standard}`);
  return lines;
}

export function renderTimelinessText(reports: PartnershipTimeliness[]): string {
  if (reports.length === 0) return 'No partnerships yet: import cases first (quorum import FILE).\n';
  const out: string[] = [];
  for (const r of reports) {
    out.push(`Timeliness: ${r.partnership} (${r.displayName} standards)`, `Period: ${periodText(r.period)}. Cases read: ${r.caseCount}.`, '');
    const overall = r.figures.filter((f) => f.groupKind === 'all');
    for (const f of overall) {
      out.push(...renderFigure(f, r.figures.filter((g) => g.measure === f.measure && g.groupKind !== 'all')), '');
    }
    for (const n of r.notes) out.push(`Note: ${n}`);
    if (r.notes.length) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
