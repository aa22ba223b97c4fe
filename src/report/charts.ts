// The report's two charts as SVG, drawn in Node by vega-lite (a declarative spec) and vega (its
// renderer, headless): no browser, no script in the page. Meaning is never colour alone: every bar
// carries its count or share as text, and the page has the same numbers as a table.
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import type { PartnershipTimeliness } from '../rules/timeliness/index.js';
import { monthLabel } from './words.js';

const FONT = 'arial, sans-serif';
const CONFIG = { font: FONT, axis: { labelFontSize: 14, titleFontSize: 14, labelColor: '#0b0c0c', titleColor: '#0b0c0c' }, legend: { labelFontSize: 14, titleFontSize: 14 }, view: { stroke: null } };

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** ICPCs per month: a pair of bars (on time, late), each labelled "N on time" / "N late". */
export function icpcByMonthChart(r: PartnershipTimeliness): Promise<string> {
  const values = r.icpcByMonth.flatMap((m) => [
    { month: monthLabel(m.month), status: 'on time', n: m.onTime, label: `${m.onTime} on time` },
    { month: monthLabel(m.month), status: 'late', n: m.late, label: `${m.late} late` },
  ]);
  const max = Math.max(1, ...values.map((v) => v.n));
  return toSvg({
    description: `Initial conferences held within 15 working days of the strategy discussion, by month, ${r.partnership}`,
    width: 420,
    height: { step: 22 },
    data: { values },
    encoding: {
      y: { field: 'month', type: 'ordinal', sort: null, title: null },
      yOffset: { field: 'status', sort: ['on time', 'late'] },
      x: { field: 'n', type: 'quantitative', title: 'Initial conferences', scale: { domain: [0, Math.ceil(max * 1.4)] }, axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      { mark: { type: 'bar', stroke: '#0b0c0c', strokeWidth: 1 }, encoding: { color: { field: 'status', type: 'nominal', sort: ['on time', 'late'], scale: { range: ['#1d70b8', '#f3f2f1'] }, title: null } } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 13 }, encoding: { text: { field: 'label' } } },
    ],
    config: CONFIG,
  } as TopLevelSpec);
}

/** Reports on time per agency: one bar each, labelled "75.0% (3 of 4)". */
export function reportsByAgencyChart(r: PartnershipTimeliness): Promise<string> {
  const values = r.figures
    .filter((f) => f.measure === 'reports_on_time' && f.groupKind === 'agency' && f.percent !== null)
    .map((f) => ({ agency: f.group, percent: f.percent, label: `${f.percent!.toFixed(1)}% (${f.numerator} of ${f.denominator})` }));
  return toSvg({
    description: `Reports received on time by agency, ${r.partnership}`,
    width: 360,
    height: { step: 28 },
    data: { values },
    encoding: {
      y: { field: 'agency', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } },
      x: { field: 'percent', type: 'quantitative', title: 'Reports on time (%)', scale: { domain: [0, 140] }, axis: { values: [0, 25, 50, 75, 100] } },
    },
    layer: [
      { mark: { type: 'bar', color: '#1d70b8', stroke: '#0b0c0c', strokeWidth: 1 } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 13 }, encoding: { text: { field: 'label' } } },
    ],
    config: CONFIG,
  } as TopLevelSpec);
}
