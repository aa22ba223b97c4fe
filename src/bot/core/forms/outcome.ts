// The conference outcome, recorded by the chair after the conference: a decision for each child
// (plan or not, one category), quorate or proceeded inquorate with the reason, the first core group
// date and the lead social worker. Emotional abuse needs confirming as severe and persistent where
// the partnership requires it (Dudley; Swindon CPC 9). Holding the conference starts the deadlines
// that follow it: decision sent, minutes, first core group, review, the dissent window.
import { childLabel } from '../../../rules/case-facts.js';
import { formatSource } from '../../../rules/format.js';
import { evaluateQuorum } from '../../../rules/quorum.js';
import type { StoredConference } from '../../../store/case-model.js';
import { openCase, type CaseAccess } from '../case-access.js';
import { CoreError } from '../errors.js';
import type { HandlerContext } from '../handler.js';
import type { FormField, Form } from '../types.js';
import { conferenceInSentence } from '../views/format.js';

/** Field ids stay within the adapters' 20-value limit: one per child plus five. */
export const MAX_CHILDREN_ON_FORM = 15;

export const CATEGORY_LABEL: Record<string, string> = {
  neglect: 'neglect',
  physical: 'physical abuse',
  emotional: 'emotional abuse',
  sexual: 'sexual abuse',
  domestic_abuse: 'domestic abuse',
};

export const childField = (i: number) => `child_${i + 1}`;

/** The conference whose outcome is to be recorded: the given one, else the last that has started. */
export function conferenceToRecord(access: CaseAccess, now: Date, key?: string): StoredConference {
  const facts = access.case.facts;
  const ref = access.case.ref;
  const scheduled = facts.conferences.filter((c) => c.status === 'scheduled');
  const conf = key ? facts.conferences.find((c) => c.id === key) : scheduled.filter((c) => Date.parse(c.at) <= now.getTime()).at(-1);
  if (!conf) {
    const future = scheduled[0];
    if (future) throw new CoreError('NOT_YET_HELD', `The ${conferenceInSentence(future)} on ${ref} has not started yet: record its outcome after it.`);
    throw new CoreError('NO_CONFERENCE', key ? `That conference is no longer on ${ref}.` : `${ref} has no conference waiting for an outcome.`);
  }
  if (conf.status === 'held') throw new CoreError('ALREADY_RECORDED', `The outcome of the ${conferenceInSentence(conf)} is already recorded.`);
  if (conf.status === 'cancelled') throw new CoreError('CONFERENCE_CANCELLED', `The ${conferenceInSentence(conf)} was cancelled: it has no outcome.`);
  if (Date.parse(conf.at) > now.getTime()) throw new CoreError('NOT_YET_HELD', `The ${conferenceInSentence(conf)} on ${ref} has not started yet: record its outcome after it.`);
  return conf;
}

export async function socialWorkers(h: HandlerContext, caseId: number) {
  const members = await h.repo.membersOf(caseId);
  const byId = new Map(members.filter((m) => m.role === 'social_worker').map((m) => [m.person.id, m.person]));
  return [...byId.values()];
}

export async function outcomeForm(h: HandlerContext, ref: string, key?: string): Promise<Form> {
  const access = await openCase(h, ref, 'record_outcome', 'record the outcome of a conference');
  const { case: c, profile } = access;
  const conf = conferenceToRecord(access, h.req.now, key);
  const children = c.facts.children;
  if (children.length > MAX_CHILDREN_ON_FORM) throw new CoreError('TOO_MANY_CHILDREN', `${ref} has ${children.length} children: the form takes at most ${MAX_CHILDREN_ON_FORM}. Record the outcome through the case system import.`);
  const quorum = evaluateQuorum(conf.id, c.facts, profile);
  const categories = profile.categories.map((c) => ({ value: `plan:${c}`, label: `Plan: ${CATEGORY_LABEL[c] ?? c}` }));
  const fields: FormField[] = children.map((c, i) => ({
    type: 'choice',
    id: childField(i),
    label: `${c.unborn ? `Unborn (${childLabel(c)})` : childLabel(c)}: child protection plan?`,
    required: true,
    options: [{ value: 'no_plan', label: 'No plan' }, ...categories],
  }));
  const severe = profile.emotionalRequiresSeverePersistent;
  if (severe && profile.categories.includes('emotional')) {
    fields.push({ type: 'toggle', id: 'severe_persistent', label: `Where emotional abuse is the category: I confirm it is severe and persistent (${formatSource(severe.citation)})` });
  }
  fields.push(
    {
      type: 'choice',
      id: 'quorum',
      label: 'Quorum',
      required: true,
      initial: quorum.quorate ? 'quorate' : 'proceeded_inquorate',
      options: [
        { value: 'quorate', label: "Quorate: children's social care and two other agencies" },
        { value: 'proceeded_inquorate', label: 'Not quorate: proceeded, reason below' },
      ],
    },
    { type: 'text', id: 'inquorate_reason', label: 'Why the conference proceeded inquorate (required if it did)', multiline: true, required: false, maxLength: 1000 },
    { type: 'date', id: 'first_core_group', label: 'First core group date (if a plan was made)', required: false },
  );
  const sws = await socialWorkers(h, c.id);
  if (sws.length) {
    const lead = c.leadSocialWorkerId;
    fields.push({
      type: 'choice',
      id: 'lead_social_worker',
      label: 'Lead social worker',
      required: true,
      options: sws.map((p) => ({ value: String(p.id), label: `${p.name} (${p.organisation})` })),
      ...(lead && sws.some((p) => p.id === lead) ? { initial: String(lead) } : {}),
    });
  }
  return {
    id: 'outcome',
    title: 'Conference outcome',
    submitLabel: 'Record outcome',
    intro: [
      { type: 'text', text: `${c.ref}: outcome of the ${conferenceInSentence(conf)}.` },
      { type: 'context', text: `Quorum from the answers recorded: ${quorum.quorate ? 'quorate' : 'NOT quorate'}. One category per child, the primary concern.` },
    ],
    fields,
    state: { a: 'outcome_open', c: c.ref, f: conf.id },
  };
}
