// Builds a planner input from an import-shaped case without a database: ids are made up, but the
// rows have the shape the store gives the sweep.
import { caseFactsSchema } from '../../../src/rules/case-facts.js';
import { loadProfile } from '../../../src/rules/profiles.js';
import type { ConferenceRow, InvitationRow } from '../../../src/store/cases.js';
import type { Role } from '../../../src/store/schema.js';
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
  const { members, ...factsIn } = raw;
  const facts = caseFactsSchema.parse(factsIn);
  const ids = personIds({ members, conferences: facts.conferences });
  const conferences: ConferenceRow[] = [];
  const invitations: (InvitationRow & { personName: string })[] = [];
  facts.conferences.forEach((c, ci) => {
    const id = 100 + ci;
    const now = new Date(0);
    conferences.push({ id, caseId, key: c.id, type: c.type, prebirth: c.prebirth, transferIn: c.transferIn, scheduledAt: new Date(c.at), status: c.status, statusReason: null, outcome: c.outcome ?? null, outcomes: null, quorumDecision: null, inquorateReason: null, firstCoreGroupDate: c.firstCoreGroupDate ?? null, bookedAt: null, invitationsSentAt: null, reportsCirculatedAt: null, createdAt: now, updatedAt: now });
    c.invitees.forEach((i, ii) => {
      invitations.push({
        id: id * 100 + ii,
        conferenceId: id,
        personId: ids.get(i.email!)!,
        personName: i.name,
        agency: i.agency,
        sector: i.sector,
        role: i.role,
        response: i.response,
        deputy: i.deputy ?? null,
        respondedAt: null,
        reportSubmittedAt: i.reportSubmittedAt ? new Date(i.reportSubmittedAt) : null,
        reportSharedAt: i.reportSharedAt ? new Date(i.reportSharedAt) : null,
        reportWithheldReason: i.reportWithheldReason ?? null,
        removedAt: null,
        removedReason: null,
        createdAt: now,
      });
    });
  });
  const memberRows = members.map((m) => ({ personId: ids.get(m.email)!, role: m.role }));
  return { caseId, facts, profile: loadProfile(facts.profile), conferences, invitations, members: memberRows, existing, ids };
}
