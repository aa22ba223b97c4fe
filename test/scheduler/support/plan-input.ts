// Builds a planner input from an import-shaped case without a database: ids are made up, but the
// case has the shape the store gives the planner (StoredCase).
import { caseFactsSchema } from '../../../src/rules/case-facts.js';
import { loadProfile } from '../../../src/rules/profiles.js';
import type { Role } from '../../../src/rules/roles.js';
import type { StoredCase } from '../../../src/store/case-model.js';
import type { ExistingNudge, PlanInput } from '../../../src/bot/core/nudges/index.js';

export function personIds(input: { members: { email: string }[]; conferences?: { invitees?: { email?: string | null }[] }[] }): Map<string, number> {
  const ids = new Map<string, number>();
  const add = (email: string | null | undefined) => {
    if (email && !ids.has(email)) ids.set(email, ids.size + 1);
  };
  input.members.forEach((m) => add(m.email));
  input.conferences?.forEach((c) => c.invitees?.forEach((i) => add(i.email)));
  return ids;
}

export function planInput(raw: Record<string, unknown> & { members: { email: string; role: Role }[] }, existing: ExistingNudge[] = [], caseId = 1): PlanInput & { ids: Map<string, number> } {
  const { members, partnership: _partnership, ...factsIn } = raw;
  const facts = caseFactsSchema.parse(factsIn);
  const ids = personIds({ members, conferences: facts.conferences });
  const stored: StoredCase = {
    id: caseId,
    ref: facts.ref,
    partnershipId: 1,
    profile: facts.profile,
    status: facts.status,
    leadSocialWorkerId: null,
    facts: {
      ...facts,
      events: facts.events.map((e, i) => ({ ...e, id: i + 1 })),
      dissents: facts.dissents.map((d, i) => ({ ...d, id: i + 1, personId: null })),
      conferences: facts.conferences.map((c, ci) => ({
        ...c,
        dbId: 100 + ci,
        invitees: c.invitees.map((i, ii) => ({ ...i, invitationId: (100 + ci) * 100 + ii, personId: ids.get(i.email!)! })),
      })),
    },
  };
  const memberRows = members.map((m) => ({ personId: ids.get(m.email)!, role: m.role }));
  return { case: stored, profile: loadProfile(facts.profile), members: memberRows, existing, ids };
}
