// Submitting the outcome form: validated field by field (each error names its field), then written in
// one go: the conference held with its decisions and quorum, the case's lead social worker, a
// plan_started event when a plan begins, the audit entry. The reply lists the deadlines it started.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { londonDate } from '../../../rules/calendar.js';
import type { Child, ChildOutcome, Conference } from '../../../rules/case-facts.js';
import { deriveState } from '../../../rules/case-state.js';
import { evaluate } from '../../../rules/milestones.js';
import type { Profile } from '../../../rules/profiles.js';
import { appendAudit } from '../../../store/audit.js';
import { loadCase } from '../../../store/cases.js';
import { cases, conferences, events } from '../../../store/schema.js';
import { openCase } from '../case-access.js';
import { isRealDate, sourceOf } from '../commands/conference-common.js';
import { CoreError } from '../errors.js';
import { auditBase, type HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply, FormValues } from '../types.js';
import { milestoneLine, upcoming } from '../views/deadlines.js';
import { conferenceLabel } from '../views/format.js';
import { CATEGORY_LABEL, childField, conferenceToRecord, socialWorkers } from './outcome.js';

const AFTER_KEYS = new Set(['decision_sent', 'minutes', 'first_core_group', 'review', 'dissent_window', 'statutory_visit', 'early_review']);

const blank = (v: unknown) => (v === '' || v === null ? undefined : Array.isArray(v) ? v[0] : v);
const toBool = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

function outcomeSchema(children: Child[], profile: Profile, conf: Conference, leadIds: string[], currentLead: string | null) {
  const choices = ['no_plan', ...profile.categories.map((c) => `plan:${c}`)] as [string, ...string[]];
  const shape: Record<string, z.ZodTypeAny> = {};
  children.forEach((c, i) => {
    shape[childField(i)] = z.preprocess(blank, z.enum(choices, { errorMap: () => ({ message: `${c.initials}: choose a plan with its category, or no plan.` }) }));
  });
  shape.severe_persistent = z.preprocess(toBool, z.boolean());
  shape.quorum = z.preprocess(blank, z.enum(['quorate', 'proceeded_inquorate'], { errorMap: () => ({ message: 'Quorum: choose quorate, or proceeded inquorate.' }) }));
  shape.inquorate_reason = z.preprocess(blank, z.string().trim().max(1000, 'Inquorate reason: at most 1000 characters.').optional());
  shape.first_core_group = z.preprocess(blank, z.string().refine(isRealDate, 'First core group date: write it as YYYY-MM-DD.').optional());
  // Left empty, the case keeps its current lead (the form shows them as the initial choice).
  const lead = z.enum(leadIds as [string, ...string[]], { errorMap: () => ({ message: 'Lead social worker: choose one of the social workers on the case.' }) });
  shape.lead_social_worker = leadIds.length ? z.preprocess((v) => blank(v) ?? currentLead ?? undefined, lead) : z.unknown().optional();
  const confDate = londonDate(new Date(conf.at));
  return z.object(shape).superRefine((v, ctx) => {
    const picks = children.map((_, i) => v[childField(i)] as string);
    if (v.quorum === 'proceeded_inquorate' && String(v.inquorate_reason ?? '').length < 10) {
      ctx.addIssue({ code: 'custom', path: ['inquorate_reason'], message: 'Inquorate reason: say why the conference proceeded without quorum (at least 10 characters); the standards require it recorded.' });
    }
    if (profile.emotionalRequiresSeverePersistent && !v.severe_persistent) {
      const i = picks.indexOf('plan:emotional');
      if (i >= 0) {
        ctx.addIssue({ code: 'custom', path: ['severe_persistent'], message: `${children[i]!.initials}: emotional abuse can be the category only when it is severe and persistent (${profile.displayName} standards). Confirm it, or choose another category.` });
      }
    }
    const date = v.first_core_group as string | undefined;
    if (date && !picks.some((p) => p.startsWith('plan:'))) ctx.addIssue({ code: 'custom', path: ['first_core_group'], message: 'First core group date: no plan was made, so leave it empty.' });
    else if (date && date < confDate) ctx.addIssue({ code: 'custom', path: ['first_core_group'], message: 'First core group date: it cannot be before the conference.' });
  });
}

export async function submitOutcome(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const access = await openCase(h.tx, state.c, h.person, 'record_outcome', 'record the outcome of a conference');
  const { loaded, profile } = access;
  const ref = loaded.row.ref;
  const conf = conferenceToRecord(access, h.req.now, state.f);
  const sws = await socialWorkers(h, loaded.row.id);
  const leadIds = sws.map((p) => String(p.id));
  const current = loaded.row.leadSocialWorkerId !== null && leadIds.includes(String(loaded.row.leadSocialWorkerId)) ? String(loaded.row.leadSocialWorkerId) : null;
  const parsed = outcomeSchema(loaded.facts.children, profile, conf, leadIds, current).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CoreError('INVALID_FIELD', issue.message, String(issue.path[0]));
  }
  const v = parsed.data;
  const outcomes: ChildOutcome[] = loaded.facts.children.map((c, i) => {
    const pick = v[childField(i)] as string;
    const category = pick.startsWith('plan:') ? (pick.slice(5) as ChildOutcome['category']) : null;
    return { child: c.ref, plan: category !== null, category, severeAndPersistent: category === 'emotional' ? Boolean(v.severe_persistent) : null };
  });
  const anyPlan = outcomes.some((o) => o.plan);
  const quorum = v.quorum as 'quorate' | 'proceeded_inquorate';
  const reason = quorum === 'proceeded_inquorate' ? (v.inquorate_reason as string) : null;
  const firstCoreGroupDate = (v.first_core_group as string | undefined) ?? null;
  const leadId = v.lead_social_worker ? Number(v.lead_social_worker) : null;
  const planWasActive = deriveState(loaded.facts).plan.active;

  const confRow = loaded.conferences.get(conf.id)!;
  await h.tx
    .update(conferences)
    .set({ status: 'held', outcome: anyPlan ? 'plan' : 'no_plan', outcomes, quorumDecision: quorum, inquorateReason: reason, firstCoreGroupDate, updatedAt: h.req.now })
    .where(eq(conferences.id, confRow.id));
  if (leadId !== null && leadId !== loaded.row.leadSocialWorkerId) await h.tx.update(cases).set({ leadSocialWorkerId: leadId, updatedAt: h.req.now }).where(eq(cases.id, loaded.row.id));
  const startsPlan = anyPlan && !planWasActive;
  if (startsPlan) {
    await h.tx.insert(events).values({ caseId: loaded.row.id, kind: 'plan_started', at: new Date(conf.at), conferenceKey: conf.id, authorPersonId: h.person.id, source: sourceOf(h) });
  }
  await appendAudit(h.tx, {
    ...auditBase(h, ref),
    action: 'OUTCOME_RECORDED',
    subjectType: 'conference',
    subjectId: confRow.id,
    detail: { conference: conf.id, outcome: anyPlan ? 'plan' : 'no_plan', categories: outcomes.map((o) => o.category), quorum, firstCoreGroupDate, leadSocialWorkerId: leadId, planStarted: startsPlan },
  });
  h.changedCaseIds.add(loaded.row.id);

  const after = (await loadCase(h.tx, loaded.row.id))!;
  const due = upcoming(evaluate(after.facts, profile, h.req.now)).filter((m) => AFTER_KEYS.has(m.key));
  const lead = sws.find((p) => p.id === leadId);
  return {
    view: {
      fallback: `${ref}: outcome of the ${conferenceLabel(conf)} recorded.`,
      blocks: [
        { type: 'header', text: `${ref}: outcome recorded` },
        { type: 'text', text: `The ${conferenceLabel(conf)} is recorded as held.` },
        {
          type: 'fields',
          fields: [
            ...loaded.facts.children.map((c, i) => ({ label: c.initials, value: outcomes[i]!.plan ? `Plan: ${CATEGORY_LABEL[outcomes[i]!.category!] ?? outcomes[i]!.category}` : 'No plan' })),
            { label: 'Quorum', value: quorum === 'quorate' ? 'Quorate' : `Proceeded inquorate: ${reason}` },
            ...(lead ? [{ label: 'Lead social worker', value: lead.name }] : []),
          ],
        },
        ...(due.length ? [{ type: 'text' as const, text: '*Now due*' }, { type: 'list' as const, items: due.map((m) => milestoneLine(m)) }] : []),
      ],
    },
  };
}
