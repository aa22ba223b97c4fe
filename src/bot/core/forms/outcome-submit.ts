// Submitting the outcome form: validated field by field (each error names its field), then written in
// one go: the conference held with its decisions and quorum, the case's lead social worker, a
// plan_started event when a plan begins, the audit entry. The reply lists the deadlines it started.
import { z } from 'zod';
import { londonDate } from '../../../rules/calendar.js';
import { childLabel, type Child, type ChildOutcome, type Conference } from '../../../rules/case-facts.js';
import { deriveState } from '../../../rules/case-state.js';
import { formatSource } from '../../../rules/format.js';
import { evaluate } from '../../../rules/milestones.js';
import type { Profile } from '../../../rules/profiles.js';
import { openCase } from '../case-access.js';
import { isRealDate } from '../commands/conference-common.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, CoreReply, FormValues } from '../types.js';
import { milestoneLine, upcoming } from '../views/deadlines.js';
import { conferenceInSentence } from '../views/format.js';
import { CATEGORY_LABEL, childField, conferenceToRecord, socialWorkers } from './outcome.js';

const AFTER_KEYS = new Set(['decision_sent', 'minutes', 'first_core_group', 'review', 'dissent_window', 'statutory_visit', 'early_review']);

const blank = (v: unknown) => (v === '' || v === null ? undefined : Array.isArray(v) ? v[0] : v);
const toBool = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';

function outcomeSchema(children: Child[], profile: Profile, conf: Conference, leadIds: string[], currentLead: string | null) {
  const choices = ['no_plan', ...profile.categories.map((c) => `plan:${c}`)] as [string, ...string[]];
  const shape: Record<string, z.ZodTypeAny> = {};
  children.forEach((c, i) => {
    shape[childField(i)] = z.preprocess(blank, z.enum(choices, { errorMap: () => ({ message: `${childLabel(c)}: choose a plan with its category, or no plan.` }) }));
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
    const severe = profile.emotionalRequiresSeverePersistent;
    if (severe && !v.severe_persistent) {
      const i = picks.indexOf('plan:emotional');
      if (i >= 0) {
        ctx.addIssue({ code: 'custom', path: ['severe_persistent'], message: `${childLabel(children[i]!)}: emotional abuse can be the category only when it is severe and persistent (${formatSource(severe.citation)}). Confirm it, or choose another category.` });
      }
    }
    const date = v.first_core_group as string | undefined;
    if (date && !picks.some((p) => p.startsWith('plan:'))) ctx.addIssue({ code: 'custom', path: ['first_core_group'], message: 'First core group date: no plan was made, so leave it empty.' });
    else if (date && date < confDate) ctx.addIssue({ code: 'custom', path: ['first_core_group'], message: 'First core group date: it cannot be before the conference.' });
  });
}

export async function submitOutcome(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const access = await openCase(h, state.c, 'record_outcome', 'record the outcome of a conference');
  const { case: c, profile } = access;
  const ref = c.ref;
  const conf = conferenceToRecord(access, h.req.now, state.f);
  const sws = await socialWorkers(h, c.id);
  const leadIds = sws.map((p) => String(p.id));
  const current = c.leadSocialWorkerId !== null && leadIds.includes(String(c.leadSocialWorkerId)) ? String(c.leadSocialWorkerId) : null;
  const parsed = outcomeSchema(c.facts.children, profile, conf, leadIds, current).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CoreError('INVALID_FIELD', issue.message, String(issue.path[0]));
  }
  const v = parsed.data;
  const outcomes: ChildOutcome[] = c.facts.children.map((child, i) => {
    const pick = v[childField(i)] as string;
    const category = pick.startsWith('plan:') ? (pick.slice(5) as ChildOutcome['category']) : null;
    return { child: child.ref, plan: category !== null, category, severeAndPersistent: category === 'emotional' ? Boolean(v.severe_persistent) : null };
  });
  const anyPlan = outcomes.some((o) => o.plan);
  const quorum = v.quorum as 'quorate' | 'proceeded_inquorate';
  const reason = quorum === 'proceeded_inquorate' ? (v.inquorate_reason as string) : null;
  if (reason) h.freeText.push(reason);
  const firstCoreGroupDate = (v.first_core_group as string | undefined) ?? null;
  const leadId = v.lead_social_worker ? Number(v.lead_social_worker) : null;
  const startsPlan = anyPlan && !deriveState(c.facts).plan.active;
  const after = await h.repo.recordOutcome(c, conf, { outcomes, quorum, inquorateReason: reason, firstCoreGroupDate, leadSocialWorkerId: leadId, startsPlan });

  const due = upcoming(evaluate(after.facts, profile, h.req.now)).filter((m) => AFTER_KEYS.has(m.key));
  const lead = sws.find((p) => p.id === leadId);
  return {
    view: {
      fallback: `${ref}: outcome of the ${conferenceInSentence(conf)} recorded.`,
      blocks: [
        { type: 'header', text: `${ref}: outcome recorded` },
        { type: 'text', text: `The ${conferenceInSentence(conf)} is recorded as held.` },
        {
          type: 'fields',
          fields: [
            ...c.facts.children.map((child, i) => ({ label: childLabel(child), value: outcomes[i]!.plan ? `Plan: ${CATEGORY_LABEL[outcomes[i]!.category!] ?? outcomes[i]!.category}` : 'No plan' })),
            { label: 'Quorum', value: quorum === 'quorate' ? 'Quorate' : `Proceeded inquorate: ${reason}` },
            ...(lead ? [{ label: 'Lead social worker', value: lead.name }] : []),
          ],
        },
        ...(due.length ? [{ type: 'text' as const, text: '*Now due*' }, { type: 'list' as const, items: due.map((m) => milestoneLine(m)) }] : []),
      ],
    },
  };
}
