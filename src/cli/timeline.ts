// `quorum timeline [--profile NAME] [--at ISO] [--json] FILE|-`: one case's deadlines and quorum,
// straight from a case-facts file, with no database. Bad input exits 2 with a message naming the field;
// so does a bad shipped profile, checked before anything else, one line per problem.
import { readFile } from 'node:fs/promises';
import { describeReadError } from './read-error.js';
import { parseCaseFacts, isoInstant } from '../rules/case-facts.js';
import { formatLondonDate, formatLondonTime, londonDate } from '../rules/calendar.js';
import { milestoneLabel } from '../rules/milestone-labels.js';
import { evaluate, type Milestone } from '../rules/milestones.js';
import { ROLE_WORDS } from '../rules/roles.js';
import { loadProfile, listProfiles, ProfileValidationError, UnknownProfileError, validateAllProfiles, type Profile } from '../rules/profiles.js';
import { evaluateAllQuorum, type QuorumResult } from '../rules/quorum.js';

export type TimelineArgs = { file: string; profile?: string; at?: string; json?: boolean };
export type TimelineIo = { stdin: NodeJS.ReadableStream; stdout: (s: string) => void; stderr: (s: string) => void };

const BAD_INPUT = 2;

class InputError extends Error {}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') return readAll(stdin);
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(describeReadError(file, err));
  }
}

function parseNow(at: string | undefined): Date {
  if (at === undefined) return new Date();
  if (!isoInstant.safeParse(at).success) throw new InputError(`--at: expected an ISO date-time with a zone, e.g. 2026-01-05T09:00:00Z (got "${at}")`);
  return new Date(at);
}

function pickProfile(name: string, fromFlag: boolean): Profile {
  try {
    return loadProfile(name);
  } catch (err) {
    if (err instanceof UnknownProfileError) {
      throw new InputError(`${fromFlag ? '--profile' : 'profile'}: unknown profile "${name}" (known: ${listProfiles().join(', ')})`);
    }
    throw err;
  }
}

export async function runTimeline(args: TimelineArgs, io: TimelineIo): Promise<number> {
  try {
    validateAllProfiles();
    const now = parseNow(args.at);
    const source = args.file === '-' ? '(stdin)' : args.file;
    const text = await readInput(args.file, io.stdin);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError(`${source}: not valid JSON (${(err as Error).message})`);
    }
    const parsed = parseCaseFacts(json);
    if (!parsed.ok) throw new InputError(`${source}: not a valid case:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
    const facts = parsed.facts;
    const profile = pickProfile(args.profile ?? facts.profile, args.profile !== undefined);
    const milestones = evaluate(facts, profile, now);
    const quorum = evaluateAllQuorum(facts, profile);
    if (args.json) {
      const out = {
        ref: facts.ref,
        profile: profile.name,
        milestones,
        // The same warnings the text output shows, each with its stable code.
        quorum: quorum.map(({ conference, quorate, attendanceRecorded, present, missing, perChild, noReply, notices }) => ({ conference, quorate, attendanceRecorded, present, missing, perChild, noReply, warnings: notices })),
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout(renderTable(facts.ref, profile, now, milestones, quorum));
    }
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`quorum timeline: ${err.message}\n`);
      return BAD_INPUT;
    }
    if (err instanceof ProfileValidationError) {
      io.stderr(err.problems.map((p) => `quorum timeline: ${p}\n`).join(''));
      return BAD_INPUT;
    }
    throw err;
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function renderTable(ref: string, profile: Profile, now: Date, milestones: Milestone[], quorum: QuorumResult[]): string {
  const lines = [`Case ${ref} — ${profile.displayName} profile — as of ${formatLondonDate(londonDate(now))} ${formatLondonTime(now)} London`, ''];
  const rows = milestones.map((m) => {
    const dueAt = new Date(m.dueAt);
    const status = m.notRecorded ? 'not recorded' : m.status === 'met' && m.late ? 'met (late)' : m.status === 'met' && m.early ? 'met (early)' : m.notBefore && m.status === 'due' ? 'not before' : m.status;
    const owner = m.owner === 'invitees' ? 'each invitee' : ROLE_WORDS[m.owner];
    return [milestoneLabel(m.key), `${formatLondonDate(m.due)} ${formatLondonTime(dueAt)}`, status, owner, m.conference ?? ''];
  });
  const header = ['Milestone', 'Due (London)', 'Status', 'Who', 'Conference'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  if (milestones.length === 0) lines.push('(no milestones)');
  lines.push('', 'Why:');
  for (const m of milestones) lines.push(`  - ${m.explanation}`);
  lines.push('', 'Quorum:');
  if (quorum.length === 0) lines.push('  (no conferences)');
  for (const q of quorum) {
    const agencies = q.present.map((p) => p.agency).join(', ') || 'none';
    const state = !q.attendanceRecorded ? 'attendance not recorded' : q.quorate ? 'quorate' : `inquorate (${q.missing} more needed)`;
    lines.push(`  ${q.conference}: ${state}; present: ${agencies}${q.noReply.length ? `; no reply: ${q.noReply.join(', ')}` : ''}`);
    for (const p of q.perChild) lines.push(`    ${p.initials}: ${p.agencies.length} agenc${p.agencies.length === 1 ? 'y' : 'ies'} with direct contact${p.missing ? `, ${p.missing} more needed` : ''}`);
    for (const w of q.warnings) lines.push(`    ! ${w}`);
  }
  return `${lines.join('\n')}\n`;
}
