// The attendance card: what the conference is, my answer so far, and the buttons to change it.
import type { Conference, Invitee } from '../../../rules/case-facts.js';
import type { Milestone } from '../../../rules/milestones.js';
import type { Action, Block, View } from '../types.js';
import { milestoneLine } from './deadlines.js';
import { conferenceLabel, RESPONSE_LABEL } from './format.js';

export function renderAttendanceCard(caseRef: string, conf: Conference, invitation: Invitee, note?: string, deadlines: string[] = []): View {
  const base = { c: caseRef, f: conf.id };
  const response = RESPONSE_LABEL[invitation.response] ?? invitation.response;
  const answer = invitation.response === 'deputy' && invitation.deputy ? `${response} (${invitation.deputy})` : response;
  const blocks: Block[] = [
    { type: 'header', text: `${caseRef}: ${conferenceLabel(conf)}` },
    {
      type: 'fields',
      fields: [
        { label: 'Your answer', value: answer },
        { label: 'Your agency', value: invitation.agency },
        { label: 'Your report', value: reportState(invitation) },
      ],
    },
  ];
  if (note) blocks.push({ type: 'text', text: note });
  if (deadlines.length) blocks.push({ type: 'list', items: deadlines });
  const attendance: Action[] = [
    { label: 'Attending', style: 'primary', payload: { ...base, a: 'attend' } },
    { label: 'Sending a colleague', payload: { ...base, a: 'deputy' } },
    { label: "Can't attend: report only", payload: { ...base, a: 'report_only' } },
    { label: 'Declined', style: 'danger', payload: { ...base, a: 'decline' } },
  ];
  blocks.push({ type: 'actions', actions: attendance });
  const report: Action[] = [];
  if (!invitation.reportSubmittedAt) report.push({ label: 'Report submitted', payload: { ...base, a: 'report_submitted' } });
  else if (!invitation.reportSharedAt && !invitation.reportWithheldReason) {
    report.push({ label: 'Shared with family', payload: { ...base, a: 'report_shared' } }, { label: 'Withheld: give reason', payload: { ...base, a: 'report_withheld' } });
  }
  if (report.length) blocks.push({ type: 'actions', actions: report });
  blocks.push({ type: 'context', text: 'A report alone does not make your agency present: if you cannot come, send a briefed colleague.' });
  return { fallback: `${caseRef}: ${conferenceLabel(conf)}. Your answer: ${answer}.`, blocks };
}

function reportState(i: Invitee): string {
  if (!i.reportSubmittedAt) return 'Not submitted';
  if (i.reportSharedAt) return 'Submitted, shared with family';
  if (i.reportWithheldReason) return 'Submitted, withheld from family (reason recorded)';
  return 'Submitted, not yet shared with family';
}

/** The report deadlines this invitee owes for the conference, each with its standard. */
export function reportDeadlineLines(milestones: Milestone[], conferenceKey: string, invitation: Invitee): string[] {
  const key = invitation.role === 'social_worker' ? 'social_worker_report' : 'reports';
  return milestones.filter((m) => m.conference === conferenceKey && (m.key === key || m.key === 'reports_to_family')).map((m) => milestoneLine(m));
}
