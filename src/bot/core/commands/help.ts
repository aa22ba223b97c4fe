// `help`: every command, with its usage.
import type { CoreReply } from '../types.js';

export const HELP_LINES = [
  '`next CASE`: the coming deadlines on a case, soonest first, with the standard each comes from',
  '`case CASE`: conferences, quorum now, reports received and missing',
  '`mine`: everything due for you in the next 10 working days',
  '`attend CASE`: your attendance card for the next conference',
  '`dissent CASE`: record professional dissent about the last conference decision',
];

export function runHelp(): CoreReply {
  return {
    view: {
      fallback: 'Quorum commands: next, case, mine, attend, dissent, help.',
      blocks: [
        { type: 'header', text: 'Quorum: child protection conference deadlines' },
        { type: 'list', items: HELP_LINES },
        { type: 'context', text: 'Cases appear by reference and initials only. Every deadline names the standard it comes from.' },
      ],
    },
  };
}
