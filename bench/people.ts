// The synthetic workforce the bench cases draw on: invented professionals with made-up names,
// example.* emails and fake Slack and Teams ids. No real person is in here.
export const PROFILES = ['national', 'devon', 'gloucestershire', 'dudley', 'swindon'] as const;

/** Other agencies invited to conferences, by sector. */
export const AGENCY_SECTORS = ['police', 'health', 'education', 'probation', 'housing', 'mental_health', 'substance_misuse', 'domestic_abuse', 'early_help'] as const;

export type PoolRole = 'chair' | 'social_worker' | 'team_manager' | 'conference_admin' | 'qa_manager' | 'professional';

export interface PersonRow {
  id: number;
  name: string;
  organisation: string;
  sector: string;
  email: string;
  slack_user_id: string;
  teams_user_id: string;
}

export interface Pool {
  people: PersonRow[];
  /** Person ids by profile index, then by pool role (professionals by sector). */
  byProfile: { role: Record<Exclude<PoolRole, 'professional'>, number[]>; sector: Record<string, number[]> }[];
}

/** Roughly one social worker per 8 open cases, one chair per 80, one of each agency sector per 25. */
export function sizePool(cases: number) {
  const per = (n: number) => Math.max(3, Math.ceil(cases / PROFILES.length / n));
  return { chair: per(80), social_worker: per(8), team_manager: per(40), conference_admin: per(150), qa_manager: per(500), professional: per(25) };
}

export function buildPool(cases: number): Pool {
  const sizes = sizePool(cases);
  const people: PersonRow[] = [];
  const byProfile: Pool['byProfile'] = [];
  for (const profile of PROFILES) {
    const role = { chair: [], social_worker: [], team_manager: [], conference_admin: [], qa_manager: [] } as Pool['byProfile'][number]['role'];
    const sector: Record<string, number[]> = {};
    const add = (kind: string, sectorName: string, organisation: string) => {
      const id = people.length + 1;
      people.push({
        id,
        name: `${kind.replace(/_/g, ' ')} ${id}`,
        organisation,
        sector: sectorName,
        email: `p${id}@${sectorName.replace(/_/g, '-')}.${profile}.example`,
        slack_user_id: slackIdOf(id),
        teams_user_id: teamsIdOf(id),
      });
      return id;
    };
    const csc = `${profile} children's social care (synthetic)`;
    for (const r of ['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager'] as const) {
      for (let i = 0; i < sizes[r]; i++) role[r].push(add(r, 'childrens_social_care', csc));
    }
    for (const s of AGENCY_SECTORS) {
      sector[s] = [];
      for (let i = 0; i < sizes.professional; i++) sector[s].push(add(s, s, `${s.replace(/_/g, ' ')} agency ${i % 7} (${profile}, synthetic)`));
    }
    byProfile.push({ role, sector });
  }
  return { people, byProfile };
}

export function slackIdOf(personId: number): string {
  return `UB${personId.toString(36).toUpperCase().padStart(7, '0')}`;
}

export function teamsIdOf(personId: number): string {
  return `00000000-0000-4000-8000-${personId.toString(16).padStart(12, '0')}`;
}
