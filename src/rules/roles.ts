// The roles a person can hold on a case. Domain vocabulary: the store records them, the core's
// permissions table says what each may do.
export const ROLES = ['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager', 'core_group', 'invitee'] as const;
export type Role = (typeof ROLES)[number];

/** Each role as people say it: `conference admin`, `QA manager`. */
export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  chair: 'chair',
  social_worker: 'social worker',
  conference_admin: 'conference admin',
  team_manager: 'team manager',
  qa_manager: 'QA manager',
  core_group: 'core group member',
  invitee: 'invitee',
};
