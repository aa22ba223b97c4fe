// The words and buttons of each nudge. Every one names the case (its reference, never a child),
// what is due, by when, and the standard that sets it.
import { formatLondonDate, formatLondonTime, londonDate } from '../../../rules/calendar.js';
import type { Milestone } from '../../../rules/milestones.js';
import type { QuorumResult } from '../../../rules/quorum.js';
import type { Action, ActionPayload, Block, View } from '../types.js';
import { countOf } from '../views/format.js';

export interface ConferenceInfo {
  key: string;
  type: 'initial' | 'review';
  prebirth: boolean;
  transferIn: boolean;
  at: Date;
}

export function conferenceInfo(c: { id: string; type: 'initial' | 'review'; prebirth: boolean; transferIn: boolean; at: string }): ConferenceInfo {
  return { key: c.id, type: c.type, prebirth: c.prebirth, transferIn: c.transferIn, at: new Date(c.at) };
}

export function when(instant: Date): string {
  return `${formatLondonDate(londonDate(instant))} at ${formatLondonTime(instant)}`;
}

export function conferenceName(c: ConferenceInfo): string {
  const kind = c.prebirth ? 'pre-birth conference' : c.type === 'initial' ? (c.transferIn ? 'transfer-in conference' : 'initial conference') : 'review conference';
  return `${kind} on ${when(c.at)}`;
}

const snooze = (ref: string): Action => ({ label: 'Snooze to next working morning', payload: { a: 'snooze', c: ref } });

function button(label: string, a: ActionPayload['a'], ref: string, conf: string, style?: Action['style']): Action {
  return { label, ...(style ? { style } : {}), payload: { a, c: ref, f: conf } };
}

function build(fallback: string, header: string, lines: string[], fields: { label: string; value: string }[], standard: string, actions: Action[]): View {
  const blocks: Block[] = [{ type: 'header', text: header }];
  for (const text of lines) blocks.push({ type: 'text', text });
  if (fields.length) blocks.push({ type: 'fields', fields });
  blocks.push({ type: 'context', text: `Standard: ${standard}` });
  if (actions.length) blocks.push({ type: 'actions', actions });
  return { fallback, blocks };
}

export type ReportStep = 'before' | 'dayof' | 'overdue';

export function reportDueView(ref: string, conf: ConferenceInfo, m: Milestone, step: ReportStep): View {
  const by = when(new Date(m.dueAt));
  const what = m.key === 'social_worker_report' ? "Your social worker's report" : 'Your report';
  const line =
    step === 'overdue'
      ? `*${what} for the ${conferenceName(conf)} is overdue*: it was due by ${by}. Send it now, then press Report submitted.`
      : `*${what} for the ${conferenceName(conf)} is due by ${by}*${step === 'dayof' ? ' (today)' : ''}.`;
  return build(
    `${ref}: ${what.toLowerCase()} ${step === 'overdue' ? 'is overdue' : `is due by ${by}`}.`,
    `${ref}: ${step === 'overdue' ? 'report overdue' : 'report due'}`,
    [line, m.explanation],
    [
      { label: 'Case', value: ref },
      { label: 'Due by', value: by },
    ],
    m.source,
    [button('Report submitted', 'report_submitted', ref, conf.key, 'primary'), snooze(ref)],
  );
}

export interface MissingReport {
  agency: string;
  names: string[];
}

export function reportOverdueView(ref: string, conf: ConferenceInfo, m: Milestone, missing: MissingReport[]): View {
  const by = when(new Date(m.dueAt));
  return {
    fallback: `${ref}: ${countOf(missing.length, 'report')} missing for the ${conferenceName(conf)}.`,
    blocks: [
      { type: 'header', text: `${ref}: reports missing` },
      { type: 'text', text: `*Reports for the ${conferenceName(conf)} were due by ${by}.* Still missing, by agency:` },
      { type: 'list', items: missing.map((x) => `${x.agency}: ${x.names.join(', ')}`) },
      { type: 'context', text: `Standard: ${m.source}` },
      { type: 'actions', actions: [snooze(ref)] },
    ],
  };
}

export function reportShareView(ref: string, conf: ConferenceInfo, m: Milestone): View {
  const by = when(new Date(m.dueAt));
  return build(
    `${ref}: share your report with the family by ${by}.`,
    `${ref}: share your report with the family`,
    [`*Your report for the ${conferenceName(conf)} should be shared with the family by ${by}*, or withheld with a recorded reason.`, m.explanation],
    [
      { label: 'Case', value: ref },
      { label: 'Share by', value: by },
    ],
    m.source,
    [button('Shared with family', 'report_shared', ref, conf.key, 'primary'), button('Withheld: give reason', 'report_withheld', ref, conf.key), snooze(ref)],
  );
}

export function replyChaseView(ref: string, conf: ConferenceInfo, standard: string): View {
  return build(
    `${ref}: please reply to the invitation to the ${conferenceName(conf)}.`,
    `${ref}: reply needed`,
    [
      `*Please say whether you will attend the ${conferenceName(conf)}.* Reply by ${when(conf.at)} at the latest; the chair needs replies to know the conference will be quorate.`,
      'A report alone does not make your agency present: if you cannot come, send a briefed colleague.',
    ],
    [
      { label: 'Case', value: ref },
      { label: 'Conference', value: when(conf.at) },
    ],
    standard,
    [
      button('Attending', 'attend', ref, conf.key, 'primary'),
      button('Sending a colleague', 'deputy', ref, conf.key),
      button("Can't attend: report only", 'report_only', ref, conf.key),
      button('Declined', 'decline', ref, conf.key, 'danger'),
      snooze(ref),
    ],
  );
}

function presentLine(q: QuorumResult): string {
  return q.present.length ? `Present: ${q.present.map((p) => p.agency).join(', ')}.` : 'No agency has confirmed attendance yet.';
}

export function quorumAlertView(ref: string, conf: ConferenceInfo, q: QuorumResult, standard: string): View {
  const lines = [`*The ${conferenceName(conf)} is not quorate yet.* ${q.warnings[0] ?? ''}`.trim(), presentLine(q)];
  if (q.noReply.length) lines.push(`No reply yet from: ${q.noReply.join(', ')}.`);
  return build(
    `${ref}: the ${conferenceName(conf)} is not quorate yet.`,
    `${ref}: not quorate yet`,
    lines,
    [
      { label: 'Case', value: ref },
      { label: 'Quorate by', value: when(conf.at) },
      { label: 'Agencies still needed', value: String(q.missing) },
    ],
    standard,
    [snooze(ref)],
  );
}

export function quorumChangeView(ref: string, conf: ConferenceInfo, q: QuorumResult, standard: string): View {
  if (q.quorate) {
    return build(`${ref}: the ${conferenceName(conf)} is now quorate.`, `${ref}: now quorate`, [`*The ${conferenceName(conf)} is now quorate.*`, presentLine(q)], [{ label: 'Case', value: ref }], standard, []);
  }
  const lines = [`*The ${conferenceName(conf)} is no longer quorate.* ${q.warnings[0] ?? ''}`.trim(), presentLine(q)];
  if (q.noReply.length) lines.push(`No reply yet from: ${q.noReply.join(', ')}.`);
  return build(`${ref}: the ${conferenceName(conf)} is no longer quorate.`, `${ref}: no longer quorate`, lines, [{ label: 'Case', value: ref }, { label: 'Quorate by', value: when(conf.at) }], standard, [snooze(ref)]);
}

export type TimescaleStep = 'before' | 'overdue' | 'escalate' | 'unbooked' | 'booked_late';

export function timescaleView(ref: string, label: string, m: Milestone, step: TimescaleStep, booked?: ConferenceInfo): View {
  const by = when(new Date(m.dueAt));
  const line = {
    before: `*${label} is due by ${by}.*`,
    overdue: `*${label} is overdue*: it was due by ${by}.`,
    escalate: `*Escalation: ${label} is overdue* (due by ${by}) and has not been recorded as done.`,
    unbooked: `*${label} is not booked yet* and must be held by ${by}.`,
    booked_late: `*${label} is booked past its deadline*: due by ${by}, booked for ${booked ? when(booked.at) : 'a later date'}.`,
  }[step];
  return build(`${ref}: ${line.replace(/\*/g, '')}`, `${ref}: ${label.toLowerCase()}`, [line, m.explanation], [{ label: 'Case', value: ref }, { label: 'Due by', value: by }], m.source, [snooze(ref)]);
}

/** Plain text of a view, for the CLI and tests (never for logs). */
export function viewToText(view: View): string {
  const out: string[] = [];
  for (const b of view.blocks) {
    if (b.type === 'header' || b.type === 'text' || b.type === 'context') out.push(b.text);
    else if (b.type === 'fields') out.push(b.fields.map((f) => `${f.label}: ${f.value}`).join('; '));
    else if (b.type === 'list') out.push(...b.items.map((i) => `- ${i}`));
    else if (b.type === 'actions') out.push(`[${b.actions.map((a) => a.label).join('] [')}]`);
  }
  return out.join('\n');
}

/** Every action payload of a sent nudge carries its outbox row id, so a click can stop the chain. */
export function withNudgeId(view: View, id: number, resent: boolean): View {
  const blocks = view.blocks.map((b) => (b.type === 'actions' ? { ...b, actions: b.actions.map((a) => ({ ...a, payload: { ...a.payload, n: id } })) } : b));
  if (resent) blocks.push({ type: 'context', text: 'Sent again after an interruption: you may already have had this message.' });
  return { ...view, blocks };
}
