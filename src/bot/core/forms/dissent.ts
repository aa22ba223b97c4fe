// Professional dissent: which decision, the professional's view, formal or recorded only. Stored
// immutably; a change is a new entry that supersedes. The chair is told, and where the profile has
// a formal route (Swindon) the QA manager too, with the dissent window and review deadline.
import { z } from 'zod';
import { formatSource } from '../../../rules/format.js';
import { evaluate } from '../../../rules/milestones.js';
import { ROLE_WORDS, type Role } from '../../../rules/roles.js';
import { childLabel, type Conference } from '../../../rules/case-facts.js';
import type { Profile } from '../../../rules/profiles.js';
import { lastHeldConference, openCase } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { ActionPayload, Block, CoreReply, Form, FormValues } from '../types.js';
import { milestoneLine } from '../views/deadlines.js';
import { conferenceInSentence } from '../views/format.js';
import { whenNoticesGo } from '../views/when-told.js';
import { CATEGORY_LABEL } from './outcome.js';

export async function dissentForm(h: HandlerContext, ref: string): Promise<Form> {
  const { case: c, profile } = await openCase(h, ref, 'lodge_dissent', 'record dissent');
  const conf = lastHeldConference(c);
  if (!conf) throw new CoreError('NO_DECISION', `${c.ref} has no conference decision to dissent from yet.`);
  const intro: Block[] = [
    { type: 'text', text: `${c.ref}: dissent from the decision of the ${conferenceInSentence(conf)}.` },
    { type: 'text', text: `The decision: ${describeDecision(c.facts.children, conf)}.` },
  ];
  const window = evaluate(c.facts, profile, h.req.now).filter((m) => m.key === 'dissent_window' && m.conference === conf.id);
  intro.push({ type: 'context', text: formalOrRecorded(profile) });
  for (const m of window) intro.push({ type: 'context', text: milestoneLine(m) });
  const earlier = c.facts.dissents.filter((d) => d.conference === conf.id && d.personId === h.person.id).at(-1);
  if (earlier) {
    // Their own words, shown back to them only; a replay of this reply keeps no copy.
    h.freeText.push(earlier.view);
    intro.push({ type: 'text', text: `You already recorded ${earlier.formal ? 'formal dissent' : 'dissent (recorded only)'} on the ${earlier.decision} decision: "${earlier.view}". Sending this form again replaces it; the earlier entry is kept.` });
  }
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
        requiredMessage: 'Choose which decision you disagree with.',
        ...(earlier ? { initial: earlier.decision } : {}),
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
        requiredMessage: 'Choose formal dissent or recorded only.',
        ...(earlier ? { initial: earlier.formal ? 'formal' : 'recorded' } : {}),
        options: [
          { value: 'formal', label: 'Formal dissent' },
          { value: 'recorded', label: 'Recorded only' },
        ],
      },
    ],
    state: { a: 'dissent_open', c: c.ref, f: conf.id },
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
  const { case: c, profile } = await openCase(h, state.c, 'lodge_dissent', 'record dissent');
  const conf = c.facts.conferences.find((f) => f.id === state.f);
  if (!conf || conf.status !== 'held') throw new CoreError('NO_DECISION', `That conference on ${c.ref} has no decision to dissent from.`);
  const v = parsed.data;
  h.freeText.push(v.view);
  const formal = v.formal === 'formal';
  const { after, dissentId, superseded } = await h.repo.lodgeDissent(c, conf, { personId: h.person.id, byName: h.person.name, decision: v.decision, view: v.view, formal });

  // The deadlines that follow, as the rules engine sees the case now that the dissent is stored.
  const lines = evaluate(after.facts, profile, h.req.now)
    .filter((m) => (m.key === 'dissent_window' || m.key === 'dissent_review') && m.conference === conf.id)
    .map((m) => milestoneLine(m));
  const kind = formal ? 'Formal dissent' : 'Dissent (recorded only)';
  const members = await h.repo.membersOf(c.id);
  const route = formal ? profile.formalDissentRoute : null;
  const wanted = new Set<Role>(['chair', ...(route ? [route.to] : [])]);
  let tell = members.filter((m) => wanted.has(m.role));
  // Nobody in the role the dissent goes to: the conference admin is told instead, and the receipt says so.
  const missing = [...wanted].filter((role) => !tell.some((m) => m.role === role));
  if (missing.length) tell = [...tell, ...members.filter((m) => m.role === 'conference_admin')];
  const notice = {
    fallback: `${c.ref}: ${kind} recorded on the ${v.decision} decision.`,
    blocks: [
      { type: 'header' as const, text: `${c.ref}: ${kind} recorded` },
      { type: 'text' as const, text: `${h.person.name} (${h.person.organisation}) disagrees with the ${v.decision} decision of the ${conferenceInSentence(conf)}. Read their view with \`case ${c.ref}\`.` },
      ...(lines.length ? [{ type: 'list' as const, items: lines }] : []),
    ],
  };
  await h.repo.enqueueNotices(
    [...new Map(tell.map((m) => [m.person.id, m])).values()].map((m) => ({
      key: `dissent:${dissentId}:${m.person.id}`,
      kind: 'dissent_notice',
      caseId: c.id,
      conferenceId: conf.dbId,
      recipientId: m.person.id,
      step: 'lodged',
      dueAt: h.req.now,
      view: notice,
    })),
  );
  return {
    view: {
      fallback: `${kind} recorded on ${c.ref}.`,
      blocks: [
        { type: 'header', text: `${c.ref}: ${kind} recorded` },
        { type: 'text', text: `Your view is stored${superseded ? ', replacing your earlier entry (which is kept)' : ''}.` },
        { type: 'text', text: whoIsTold(tell, missing, whenNoticesGo(h.deps, h.req.now)) },
        ...(route ? [{ type: 'context' as const, text: `${profile.displayName} sends formal dissent to the QA manager as well as the chair (${formatSource(route.citation)}).` }] : []),
        ...(profile.dissentInMinutes ? [{ type: 'context' as const, text: `${profile.displayName} records professional dissent in the conference minutes, and formal concerns go through its resolution policy (${formatSource(profile.dissentInMinutes.citation)}).` }] : []),
        ...(lines.length ? [{ type: 'list' as const, items: lines }] : []),
      ],
    },
  };
}

/** Who the notice goes to, by name and role, and when; or that nobody could be told. */
function whoIsTold(tell: { person: { id: number; name: string }; role: Role }[], missing: Role[], when: string): string {
  const unique = [...new Map(tell.map((m) => [`${m.person.id}:${m.role}`, m])).values()];
  const names = unique.map((m) => `${m.person.name} (${ROLE_WORDS[m.role]})`);
  const noRole = missing.length ? `There is no ${missing.map((r) => ROLE_WORDS[r]).join(' or ')} on this case` : '';
  if (names.length === 0) return `${noRole}, and no conference admin either: nobody could be told. Ask the conference service to add a chair.`;
  const instead = noRole ? `${noRole}, so the conference admin is told instead. ` : '';
  return `${instead}${when ? `Will be told${when}` : 'Told'}: ${listOf(names)}.`;
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What the conference decided, per child by initials: the decision a dissent is about. */
function describeDecision(children: { ref: string; initials?: string | null }[], conf: Conference): string {
  const outcomes = conf.outcomes ?? [];
  if (outcomes.length === 0) return conf.outcome === 'plan' ? 'a child protection plan' : conf.outcome === 'no_plan' ? 'no child protection plan' : 'not recorded yet';
  return outcomes
    .map((o) => {
      const found = children.find((ch) => ch.ref === o.child);
      const who = found ? childLabel(found) : o.child;
      return `${who}: ${o.plan ? `a child protection plan${o.category ? ` (category: ${CATEGORY_LABEL[o.category] ?? o.category})` : ''}` : 'no plan'}`;
    })
    .join('; ');
}

/** How formal dissent differs from a view recorded only, with the standard that says so. */
function formalOrRecorded(profile: Profile): string {
  const route = profile.formalDissentRoute;
  const has = (key: string) => profile.rules.some((r) => r.key === key);
  const who = route ? `the chair and the QA manager (${formatSource(route.citation)})` : 'the chair';
  const window = has('dissent_window') ? ', by the date below' : '';
  const review = has('dissent_review') ? ' The QA manager reviews it by a deadline.' : '';
  return `Formal dissent goes to ${who}${window}.${review} Recorded only: your view is kept with the conference record and the chair is told.`;
}
