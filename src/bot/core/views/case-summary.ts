// `case CASE`: conferences, quorum now, reports by agency — as much as the asker's role allows.
import type { Conference, Dissent, Invitee } from '../../../rules/case-facts.js';
import { reportAuthors } from '../../../rules/participants.js';
import type { Milestone } from '../../../rules/milestones.js';
import type { QuorumResult } from '../../../rules/quorum.js';
import { CHANGE_REASON_LABEL } from '../../../rules/reasons.js';
import type { Block, View } from '../types.js';
import { formatLondonDate } from '../../../rules/calendar.js';
import { milestoneLabel } from '../../../rules/milestone-labels.js';
import { conferenceInSentence, conferenceLabel, countOf, RESPONSE_LABEL, SECTOR_LABEL } from './format.js';

export interface CaseSummaryInput {
  caseRef: string;
  children: string;
  profileName: string;
  conferences: Conference[];
  next?: { conference: Conference; quorum: QuorumResult };
  /** Full view: every invitation, reports by agency, reachability. Otherwise the asker's own. */
  full: boolean;
  mine?: Invitee;
  /** Who no channel reaches, one line each with why; who only email reaches. */
  unreachable?: { lines: string[]; byEmail: string[] };
  dissents?: Dissent[];
  /** Free-text notes (why a conference moved or was cancelled): for the chair, children's social care and QA only. */
  notes?: boolean;
  /** Deadlines of a stage that is over, never recorded as met: listed once here, not chased. */
  notRecorded?: Milestone[];
}

export function renderCaseSummary(input: CaseSummaryInput): View {
  const blocks: Block[] = [
    { type: 'header', text: `${input.caseRef}` },
    { type: 'context', text: `Children: ${input.children} · Partnership standards: ${input.profileName}` },
  ];
  blocks.push({
    type: 'list',
    items: input.conferences.length
      ? input.conferences.map((c) => conferenceStatusLine(c, Boolean(input.notes)))
      : ['No conference booked yet.'],
  });
  const next = input.next;
  if (next) {
    const q = next.quorum;
    blocks.push({ type: 'divider' }, { type: 'text', text: `*Quorum now for the ${conferenceInSentence(next.conference)}: ${q.quorate ? 'quorate' : 'NOT quorate'}*` });
    const present = q.present.map((p) => `${p.agency} (${SECTOR_LABEL[p.sector] ?? p.sector})`);
    blocks.push({
      type: 'fields',
      fields: [
        { label: 'Present', value: present.length ? present.join(', ') : 'nobody confirmed yet' },
        { label: 'Missing', value: q.quorate ? 'none' : missingText(q) },
        { label: 'Not replied', value: q.noReply.length ? (input.full ? q.noReply.join(', ') : countOf(q.noReply.length, 'invitee')) : 'none' },
      ],
    });
    for (const w of q.warnings) blocks.push({ type: 'text', text: `Warning: ${w}` });
    if (input.full && next.conference.invitees.length === 0) {
      blocks.push({ type: 'text', text: `Nobody is invited yet. For quorum it needs ${missingText(q)}: invite them with \`invite ${input.caseRef} @person\`.` });
    } else if (input.full) {
      blocks.push({ type: 'text', text: '*Invitations and reports*' });
      blocks.push({ type: 'list', items: next.conference.invitees.map(invitationLine) });
      const missing = reportsMissingByAgency(next.conference);
      blocks.push({ type: 'text', text: missing.length ? `Reports missing: ${missing.join(', ')}` : 'All expected reports are in.' });
      if (input.unreachable?.lines.length) {
        blocks.push({ type: 'text', text: '*Quorum cannot reach:* (their messages are not delivered; the admin and chair hear of it daily)' });
        blocks.push({ type: 'list', items: input.unreachable.lines });
      }
      if (input.unreachable?.byEmail.length) blocks.push({ type: 'text', text: `Reached by email only: ${input.unreachable.byEmail.join(', ')}` });
    } else if (input.mine) {
      blocks.push({ type: 'text', text: `Your answer: ${RESPONSE_LABEL[input.mine.response]}. Your report: ${input.mine.reportSubmittedAt ? 'submitted' : 'not submitted'}.` });
    }
  }
  if (input.notRecorded?.length) {
    blocks.push({ type: 'text', text: '*Not recorded* (its stage is over, so it is not chased)' });
    blocks.push({ type: 'list', items: input.notRecorded.map((m) => `${milestoneLabel(m.key)}: due by ${formatLondonDate(m.due)} (${m.source}), not recorded`) });
  }
  if (input.dissents?.length) {
    blocks.push({ type: 'divider' }, { type: 'text', text: '*Professional dissent*' });
    blocks.push({ type: 'list', items: input.dissents.map((d) => `${d.by}: ${d.formal ? 'formal dissent' : 'recorded only'} on the ${d.decision} decision: "${d.view}"${d.reviewOutcome ? ` Reviewed: ${d.reviewOutcome}` : ''}`) });
  }
  return { fallback: `${input.caseRef}: ${next ? (next.quorum.quorate ? 'quorate' : 'not quorate') : 'no conference booked'}.`, blocks };
}

function conferenceStatusLine(c: Conference, notes: boolean): string {
  const why = [c.statusCode ? CHANGE_REASON_LABEL[c.statusCode] : null, notes && c.statusReason ? `note: ${c.statusReason}` : null].filter(Boolean).join('; ');
  return `${conferenceLabel(c)}: ${c.status}${why ? ` (${why})` : ''}`;
}

function missingText(q: QuorumResult): string {
  const parts: string[] = [];
  if (!q.socialCarePresent) parts.push("children's social care");
  // Devon counts direct contact per child: say which child is short (initials only).
  const short = q.perChild.filter((p) => p.missing > 0);
  const others = q.missing - (q.socialCarePresent ? 0 : 1);
  if (short.length) parts.push(short.map((p) => `${p.initials}: ${p.missing} more agenc${p.missing === 1 ? 'y' : 'ies'} with direct contact`).join('; '));
  else if (others > 0) parts.push(`${others} more agenc${others === 1 ? 'y' : 'ies'}`);
  return parts.join(' and ') || 'none';
}

function invitationLine(i: Invitee, _index: number, all: Invitee[]): string {
  const owes = reportAuthors({ invitees: all }).includes(i);
  const report = owes ? (i.reportSubmittedAt ? ', report in' : ', report missing') : '';
  const deputy = i.response === 'deputy' && i.deputy ? ` (${i.deputy})` : '';
  return `${i.name}, ${i.agency}: ${RESPONSE_LABEL[i.response] ?? i.response}${deputy}${report}`;
}

/** Agencies whose report is still missing, by the rules' count of who owes one. */
export function reportsMissingByAgency(conf: Pick<Conference, 'invitees'>): string[] {
  return [...new Set(reportAuthors(conf).filter((i) => !i.reportSubmittedAt).map((i) => i.agency))];
}
