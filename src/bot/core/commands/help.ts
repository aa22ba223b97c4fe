// `help`: every command, with its usage.
import type { CoreReply } from '../types.js';

export const HELP_LINES = [
  '`next CASE`: the coming deadlines on a case, soonest first, with the standard each comes from',
  '`case CASE`: conferences, quorum now, reports received and missing',
  '`mine`: everything due for you in the next 10 working days',
  '`attend CASE`: your attendance card for the next conference',
  '`dissent CASE`: record professional dissent about the last conference decision',
  '`schedule CASE initial|review YYYY-MM-DD HH:MM [pre-birth] [transfer-in]`: book the next conference (warns if past its deadline)',
  '`move CASE YYYY-MM-DD HH:MM reason`: move the booked conference; every invitee is told the reason',
  '`cancel CASE reason`: cancel the booked conference; every invitee is told the reason',
  '`invite CASE @person [agency] [sector]`: invite someone (a mention, or an email for someone new) to the next conference',
  '`uninvite CASE @person reason`: withdraw an invitation',
  '`record CASE visit|core-group|decision-sent|minutes-sent|strategy-discussion|birth|plan-ended [YYYY-MM-DD] [--corrects]`: record what happened (today by default)',
  '`outcome CASE`: the chair records the conference outcome',
];

export function runHelp(): CoreReply {
  return {
    view: {
      fallback: 'Quorum commands: next, case, mine, attend, dissent, schedule, move, cancel, invite, uninvite, record, outcome, help.',
      blocks: [
        { type: 'header', text: 'Quorum: child protection conference deadlines' },
        { type: 'list', items: HELP_LINES },
        { type: 'context', text: 'Cases appear by reference and initials only. Every deadline names the standard it comes from.' },
      ],
    },
  };
}
