// Why a conference was moved or cancelled, as a coded choice. Everyone invited is told the code's
// words; a free-text note (which might name a child) stays with the chair, children's social care
// and the QA manager.
export const CHANGE_REASONS = ['family-request', 'professional-unavailable', 'chair-unavailable', 'inquorate', 'new-information', 'other'] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const CHANGE_REASON_LABEL: Record<ChangeReason, string> = {
  'family-request': 'the family asked for a change',
  'professional-unavailable': 'a key professional cannot attend',
  'chair-unavailable': 'the chair is unavailable',
  inquorate: 'the conference would not be quorate',
  'new-information': 'new information needs considering first',
  other: 'another reason, recorded for the chair',
};

export function parseChangeReason(word: string | undefined): ChangeReason | undefined {
  const w = word?.toLowerCase().replace(/_/g, '-');
  return (CHANGE_REASONS as readonly string[]).includes(w ?? '') ? (w as ChangeReason) : undefined;
}
