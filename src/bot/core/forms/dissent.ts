// Professional dissent: which decision, the professional's view, formal or recorded only. Stored
// immutably; a change is a new entry that supersedes. The chair is told, and where the profile has
// a formal route (Swindon) the QA manager too, with the dissent window and review deadline.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { evaluate } from '../../../rules/milestones.js';
import { appendAudit } from '../../../store/audit.js';
import { membersOfCase } from '../../../store/people.js';
import { dissents } from '../../../store/schema.js';
import { lastHeldConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import { auditBase, type HandlerContext } from '../handler.js';
import { enqueue } from '../outbox.js';
import type { ActionPayload, Block, CoreReply, Form, FormValues } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceLabel } from '../views/format.js';

export async function dissentForm(h: HandlerContext, ref: string): Promise<Form> {
  const { loaded, profile } = await openCase(h.tx, ref, h.person, 'lodge_dissent', 'record dissent');
  const conf = lastHeldConference(loaded);
  if (!conf) throw new CoreError('NO_DECISION', `${ref} has no conference decision to dissent from yet.`);
  const intro: Block[] = [{ type: 'text', text: `${ref}: dissent from the decision of the ${conferenceLabel(conf)}.` }];
  const window = evaluate(loaded.facts, profile, h.req.now).filter((m) => m.key === 'dissent_window' && m.conference === conf.id);
  for (const m of window) intro.push({ type: 'context', text: milestoneLine(m) });
  return {
    id: 'dissent',
    title: 'Professional dissent',
    submitLabel: 'Record dissent',
    intro,
    fields: [
      {
        type: 'choice',
        id: 'decision',
        label: 'Which decision do you disagree with?',
        required: true,
        options: [
          { value: 'plan', label: 'Child protection plan (yes/no)' },
          { value: 'category', label: 'Category of plan' },
          { value: 'other', label: 'Other' },
        ],
      },
      { type: 'text', id: 'view', label: 'Your professional view', multiline: true, required: true, minLength: 10, maxLength: 3000 },
      {
        type: 'choice',
        id: 'formal',
        label: 'Formal dissent, or recorded only?',
        required: true,
        options: [
          { value: 'formal', label: 'Formal dissent' },
          { value: 'recorded', label: 'Recorded only' },
        ],
      },
    ],
    state: { a: 'dissent_open', c: ref, f: conf.id },
  };
}

const dissentValues = z.object({
  decision: z.enum(['plan', 'category', 'other'], { errorMap: () => ({ message: 'Choose which decision you disagree with.' }) }),
  view: z.string().trim().min(10, 'Your view needs at least 10 characters.').max(3000, 'Your view can be at most 3000 characters.'),
  formal: z.enum(['formal', 'recorded'], { errorMap: () => ({ message: 'Choose formal dissent or recorded only.' }) }),
});

export async function submitDissent(h: HandlerContext, state: ActionPayload, values: FormValues): Promise<CoreReply> {
  const parsed = dissentValues.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CoreError('INVALID_FIELD', issue.message, String(issue.path[0]));
  }
  const { loaded, profile } = await openCase(h.tx, state.c, h.person, 'lodge_dissent', 'record dissent');
  const conf = loaded.conferences.get(state.f ?? '');
  if (!conf || conf.status !== 'held') throw new CoreError('NO_DECISION', `That conference on ${state.c} has no decision to dissent from.`);
  const [previous] = await h.tx
    .select()
    .from(dissents)
    .where(and(eq(dissents.conferenceId, conf.id), eq(dissents.personId, h.person.id)))
    .orderBy(desc(dissents.id))
    .limit(1);
  const v = parsed.data;
  const [row] = await h.tx
    .insert(dissents)
    .values({ caseId: loaded.row.id, conferenceId: conf.id, personId: h.person.id, byName: h.person.name, decision: v.decision, view: v.view, formal: v.formal === 'formal', lodgedAt: h.req.now, supersedes: previous?.id ?? null })
    .returning();
  await appendAudit(h.tx, { ...auditBase(h, state.c), action: previous ? 'DISSENT_SUPERSEDED' : 'DISSENT_RECORDED', subjectType: 'dissent', subjectId: row!.id, detail: { decision: v.decision, formal: v.formal === 'formal', supersedes: previous?.id ?? null } });

  // The deadlines that follow, as the rules engine sees them now that the dissent is stored.
  loaded.facts.dissents.push({ conference: conf.key, by: h.person.name, decision: v.decision, view: v.view, formal: v.formal === 'formal', lodgedAt: h.req.now.toISOString() });
  const deadlines = evaluate(loaded.facts, profile, h.req.now).filter((m) => (m.key === 'dissent_window' || m.key === 'dissent_review') && m.conference === conf.key);
  const lines = deadlines.map((m) => milestoneLine(m));
  const kind = v.formal === 'formal' ? 'Formal dissent' : 'Dissent (recorded only)';
  const members = await membersOfCase(h.tx, loaded.row.id);
  const tell = members.filter((m) => m.role === 'chair' || (profile.formalDissentRoute === 'qa_manager' && v.formal === 'formal' && m.role === 'qa_manager'));
  const notice = {
    fallback: `${state.c}: ${kind} recorded on the ${v.decision} decision.`,
    blocks: [
      { type: 'header' as const, text: `${state.c}: ${kind} recorded` },
      { type: 'text' as const, text: `${h.person.name} (${h.person.organisation}) disagrees with the ${v.decision} decision of the ${conferenceLabel(loaded.facts.conferences.find((c) => c.id === conf.key)!)}. Read their view with \`case ${state.c}\`.` },
      ...(lines.length ? [{ type: 'list' as const, items: lines }] : []),
    ],
  };
  await enqueue(
    h.tx,
    [...new Map(tell.map((m) => [m.person.id, m])).values()].map((m) => ({
      key: `dissent:${row!.id}:${m.person.id}`,
      kind: 'dissent_notice',
      caseId: loaded.row.id,
      conferenceId: conf.id,
      recipientId: m.person.id,
      step: 'lodged',
      dueAt: h.req.now,
      view: notice,
    })),
  );
  h.changedCaseIds.add(loaded.row.id);
  return {
    view: {
      fallback: `${kind} recorded on ${state.c}.`,
      blocks: [
        { type: 'header', text: `${state.c}: ${kind} recorded` },
        { type: 'text', text: `Your view is stored${previous ? ', replacing your earlier entry (which is kept)' : ''}. The chair has been told${tell.some((m) => m.role === 'qa_manager') ? ', and the QA manager' : ''}.` },
        ...(lines.length ? [{ type: 'list' as const, items: lines }] : []),
      ],
    },
  };
}
