// `case CASE`: conferences, quorum now, reports by agency — as much as the asker's role allows.
import type { Conference, Dissent } from '../../../rules/case-facts.js';
import type { QuorumResult } from '../../../rules/quorum.js';
import type { InvitationRow } from '../../../store/cases.js';
import type { Block, View } from '../types.js';
import { conferenceLabel, RESPONSE_LABEL, SECTOR_LABEL } from './format.js';

export interface CaseSummaryInput {
  caseRef: string;
  children: string;
  profileName: string;
  conferences: Conference[];
  next?: { conference: Conference; quorum: QuorumResult; invitations: (InvitationRow & { personName: string })[] };
  /** Full view: every invitation, reports by agency, reachability. Otherwise the asker's own. */
  full: boolean;
  mine?: InvitationRow;
  unreachable?: { platform: string; names: string[] };
  dissents?: Dissent[];
}

export function renderCaseSummary(input: CaseSummaryInput): View {
  const blocks: Block[] = [
    { type: 'header', text: `${input.caseRef}` },
    { type: 'context', text: `Children: ${input.children} · Partnership standards: ${input.profileName}` },
  ];
  blocks.push({
    type: 'list',
    items: input.conferences.length
      ? input.conferences.map((c) => `${conferenceLabel(c)}: ${c.status}${c.statusReason ? ` (${c.statusReason})` : ''}`)
      : ['No conference booked yet.'],
  });
  const next = input.next;
  if (next) {
    const q = next.quorum;
    blocks.push({ type: 'divider' }, { type: 'text', text: `*Quorum now for the ${conferenceLabel(next.conference)}: ${q.quorate ? 'quorate' : 'NOT quorate'}*` });
    const present = q.present.map((p) => `${p.agency} (${SECTOR_LABEL[p.sector] ?? p.sector})`);
    blocks.push({
      type: 'fields',
      fields: [
        { label: 'Present', value: present.length ? present.join(', ') : 'nobody confirmed yet' },
        { label: 'Missing', value: q.quorate ? 'none' : missingText(q) },
        { label: 'Not replied', value: q.noReply.length ? (input.full ? q.noReply.join(', ') : `${q.noReply.length} invitee(s)`) : 'none' },
      ],
    });
    for (const w of q.warnings) blocks.push({ type: 'text', text: `Warning: ${w}` });
    if (input.full) {
      blocks.push({ type: 'text', text: '*Invitations and reports*' });
      blocks.push({ type: 'list', items: next.invitations.map(invitationLine) });
      const missing = reportsMissingByAgency(next.invitations);
      blocks.push({ type: 'text', text: missing.length ? `Reports missing: ${missing.join(', ')}` : 'All expected reports are in.' });
      if (input.unreachable?.names.length) blocks.push({ type: 'text', text: `Not reachable on ${input.unreachable.platform}: ${input.unreachable.names.join(', ')}` });
    } else if (input.mine) {
      blocks.push({ type: 'text', text: `Your answer: ${RESPONSE_LABEL[input.mine.response]}. Your report: ${input.mine.reportSubmittedAt ? 'submitted' : 'not submitted'}.` });
    }
  }
  if (input.dissents?.length) {
    blocks.push({ type: 'divider' }, { type: 'text', text: '*Professional dissent*' });
    blocks.push({ type: 'list', items: input.dissents.map((d) => `${d.by}: ${d.formal ? 'formal dissent' : 'recorded only'} on the ${d.decision} decision: "${d.view}"${d.reviewOutcome ? ` Reviewed: ${d.reviewOutcome}` : ''}`) });
  }
  return { fallback: `${input.caseRef}: ${next ? (next.quorum.quorate ? 'quorate' : 'not quorate') : 'no conference booked'}.`, blocks };
}

function missingText(q: QuorumResult): string {
  const parts: string[] = [];
  if (!q.socialCarePresent) parts.push("children's social care");
  const others = q.missing - (q.socialCarePresent ? 0 : 1);
  if (others > 0) parts.push(`${others} more agenc${others === 1 ? 'y' : 'ies'}`);
  return parts.join(' and ') || 'none';
}

function invitationLine(i: InvitationRow & { personName: string }): string {
  const report = i.sector === 'childrens_social_care' || i.response === 'declined' ? '' : i.reportSubmittedAt ? ', report in' : ', report missing';
  const deputy = i.response === 'deputy' && i.deputy ? ` (${i.deputy})` : '';
  return `${i.personName}, ${i.agency}: ${RESPONSE_LABEL[i.response] ?? i.response}${deputy}${report}`;
}

export function reportsMissingByAgency(invitations: InvitationRow[]): string[] {
  const agencies = new Set<string>();
  for (const i of invitations) {
    if (i.sector !== 'childrens_social_care' && i.response !== 'declined' && !i.reportSubmittedAt) agencies.add(i.agency);
  }
  return [...agencies];
}
