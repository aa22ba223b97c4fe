// Nudges before one upcoming conference: reports, sharing with the family, replies and quorum.
import { addWorkingDays, isWorkingDay, londonDate } from '../../../rules/calendar.js';
import type { Milestone } from '../../../rules/milestones.js';
import { evaluateQuorum, type QuorumResult } from '../../../rules/quorum.js';
import { isProfessional, reportAuthors, socialWorkerOf } from '../../../rules/participants.js';
import type { StoredConference, StoredInvitee } from '../../../store/case-model.js';
import { addNudge, quorumStandard, type PlanContext } from './context.js';
import { conferenceInfo, quorumAlertView, quorumChangeView, replyChaseView, reportDueView, reportOverdueView, reportShareView, type ConferenceInfo, type MissingReport } from './views.js';

type Conf = StoredConference;

export function planConference(ctx: PlanContext, conf: Conf, milestones: Milestone[]): void {
  const info = conferenceInfo(conf);
  const invites = conf.invitees;
  const mine = (key: string) => milestones.find((m) => m.key === key && m.conference === conf.id);
  const subject = `c${ctx.caseId}/${conf.id}`;
  const sw = socialWorkerOf(conf);

  // Reports: each author until they press "Report submitted"; then the chair and social worker hear who is missing.
  const reports = mine('reports');
  const authors = reportAuthors(conf);
  if (reports) for (const i of authors) if (!i.reportSubmittedAt) planReport(ctx, info, conf, subject, reports, i.personId);
  const swReport = mine('social_worker_report');
  if (swReport && sw && !sw.reportSubmittedAt) planReport(ctx, info, conf, subject, swReport, sw.personId);
  const missing = reports ? authors.filter((i) => !i.reportSubmittedAt) : [];
  if (reports && missing.length) {
    const view = reportOverdueView(ctx.ref, info, reports, byAgency(missing));
    for (const r of ctx.holders('chair', 'social_worker')) {
      addNudge(ctx, { kind: 'report_overdue', subject, deadline: reports.due, recipientId: r, step: 'escalate', dueAt: new Date(reports.dueAt), view, conferenceId: conf.dbId });
    }
  }

  // Sharing with the family: reports in but neither shared nor withheld for a reason.
  const sharing = mine('reports_to_family');
  const exempt = new Set<string>(ctx.profile.familySharingExemptSectors);
  if (sharing) {
    for (const i of authors) if (i.reportSubmittedAt && !i.reportSharedAt && !i.reportWithheldReason && !exempt.has(i.sector)) planShare(ctx, info, conf, subject, sharing, i.personId);
  }
  const swSharing = mine('social_worker_report_to_family');
  if (swSharing && sw?.reportSubmittedAt && !sw.reportSharedAt && !sw.reportWithheldReason) planShare(ctx, info, conf, subject, swSharing, sw.personId);

  // Replies.
  const confDate = londonDate(info.at);
  const standard = quorumStandard(ctx.profile);
  for (const i of invites) {
    if (!isProfessional(i) || i.response !== 'no_reply') continue;
    const view = replyChaseView(ctx.ref, info, standard);
    for (const d of ctx.settings.replyChaseDays) {
      const dueAt = ctx.morning(addWorkingDays(confDate, -d, ctx.closures));
      if (dueAt < info.at) addNudge(ctx, { kind: 'reply_chase', subject, deadline: confDate, recipientId: i.personId, step: `wd${d}`, dueAt, view, conferenceId: conf.dbId });
    }
  }

  planQuorum(ctx, info, conf, subject, standard);
}

function planReport(ctx: PlanContext, info: ConferenceInfo, conf: Conf, subject: string, m: Milestone, personId: number): void {
  const deadline = new Date(m.dueAt);
  for (const d of ctx.settings.reportReminderDays) {
    const dueAt = ctx.morning(addWorkingDays(m.due, -d, ctx.closures));
    if (dueAt >= deadline) continue;
    addNudge(ctx, { kind: 'report_due', subject, deadline: m.due, recipientId: personId, step: `wd${d}`, dueAt, view: reportDueView(ctx.ref, info, m, d === 0 ? 'dayof' : 'before'), conferenceId: conf.dbId });
  }
  addNudge(ctx, { kind: 'report_due', subject, deadline: m.due, recipientId: personId, step: 'overdue', dueAt: deadline, view: reportDueView(ctx.ref, info, m, 'overdue'), conferenceId: conf.dbId });
}

function planShare(ctx: PlanContext, info: ConferenceInfo, conf: Conf, subject: string, m: Milestone, personId: number): void {
  const deadline = new Date(m.dueAt);
  for (const d of ctx.settings.shareReminderDays) {
    const dueAt = ctx.morning(addWorkingDays(m.due, -d, ctx.closures));
    if (dueAt >= deadline) continue;
    addNudge(ctx, { kind: 'report_share', subject, deadline: m.due, recipientId: personId, step: `wd${d}`, dueAt, view: reportShareView(ctx.ref, info, m), conferenceId: conf.dbId });
  }
}

function byAgency(list: StoredInvitee[]): MissingReport[] {
  const map = new Map<string, MissingReport>();
  for (const i of list) {
    const entry = map.get(i.agency) ?? { agency: i.agency, names: [] };
    entry.names.push(i.name);
    map.set(i.agency, entry);
  }
  return [...map.values()];
}

const TRANSITION = /^(quorate|inquorate)-(\d+)$/;

function planQuorum(ctx: PlanContext, info: ConferenceInfo, conf: Conf, subject: string, standard: string): void {
  const q: QuorumResult = evaluateQuorum(conf.id, ctx.input.case.facts, ctx.profile);
  const recipients = ctx.holders('chair', 'social_worker', 'conference_admin');
  const confDate = londonDate(info.at);

  // Daily alerts, only inside the window and only while inquorate.
  if (!q.quorate) {
    const view = quorumAlertView(ctx.ref, info, q, standard);
    for (let date = addWorkingDays(confDate, -ctx.settings.quorumAlertDays, ctx.closures); date <= confDate; date = addWorkingDays(date, 1, ctx.closures)) {
      const dueAt = ctx.morning(date);
      if (dueAt >= info.at || !isWorkingDay(date, ctx.closures)) continue;
      for (const r of recipients) addNudge(ctx, { kind: 'quorum', subject, deadline: confDate, recipientId: r, step: `d${date}`, dueAt, view, conferenceId: conf.dbId });
    }
  }

  // Transitions, relative to the last one already in the outbox (none yet: not quorate).
  const rows = ctx.input.existing.filter((e) => e.kind === 'quorum_change' && e.conferenceId === conf.dbId);
  const groups = new Map<number, { state: string; delivered: boolean; rows: typeof rows }>();
  let maxSeq = 0;
  for (const r of rows) {
    const m = TRANSITION.exec(r.step);
    if (!m) continue;
    const seq = Number(m[2]);
    maxSeq = Math.max(maxSeq, seq);
    if (r.status === 'cancelled') continue;
    const g = groups.get(seq) ?? { state: m[1]!, delivered: false, rows: [] };
    g.delivered ||= r.status !== 'pending';
    g.rows.push(r);
    groups.set(seq, g);
  }
  const current = q.quorate ? 'quorate' : 'inquorate';
  let effective: { seq: number; state: string; rows: typeof rows } | null = null;
  for (const [seq, g] of [...groups].sort((a, b) => b[0] - a[0])) {
    // An unsent transition the state has already turned back from is dropped (the sweep cancels it).
    if (!g.delivered && g.state !== current) continue;
    effective = { seq, ...g };
    break;
  }
  const view = quorumChangeView(ctx.ref, info, q, standard);
  if (effective && effective.state === current) {
    for (const r of effective.rows) addNudge(ctx, { kind: 'quorum_change', subject, deadline: '-', recipientId: r.recipientId, step: r.step, dueAt: r.dueAt, view, conferenceId: conf.dbId });
    return;
  }
  if (current === 'inquorate' && !effective) return;
  const step = `${current}-${maxSeq + 1}`;
  for (const r of recipients) addNudge(ctx, { kind: 'quorum_change', subject, deadline: '-', recipientId: r, step, dueAt: ctx.now, view, conferenceId: conf.dbId });
}

