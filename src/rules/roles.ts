// The roles a person can hold on a case. Domain vocabulary: the store records them, the core's
// permissions table says what each may do.
export const ROLES = ['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager', 'core_group', 'invitee'] as const;
export type Role = (typeof ROLES)[number];
