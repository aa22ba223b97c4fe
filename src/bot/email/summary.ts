// The one-line title of a conference outside chat (email subjects, calendar entries): the case
// reference and children's initials only.
export function formatConferenceSummary(type: 'initial' | 'review', caseRef: string, initials: readonly string[]): string {
  const kind = type === 'initial' ? 'Initial' : 'Review';
  return `${kind} child protection conference: ${caseRef}${initials.length ? ` (${initials.join(', ')})` : ''}`;
}
