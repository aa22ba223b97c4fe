// The command registry is the one list of commands: the parser knows its names and only those,
// help lists every entry, the replay decision reads its readOnly flags, dispatch reaches each
// entry's handler (whose usage errors quote the entry's usage), and who may run each command is
// what its handler enforces.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpLine, whoMayRun } from '../../src/bot/core/commands/help.js';
import { COMMAND_NAMES, COMMAND_VOCABULARY, COMMANDS, findCommand, isReadOnlyCommand, runHelp } from '../../src/bot/core/commands/registry.js';
import { runCommand } from '../../src/bot/core/index.js';
import { CoreError } from '../../src/bot/core/errors.js';
import { parseCommand } from '../../src/bot/core/parse.js';
import { can, CAPABILITIES } from '../../src/bot/core/permissions.js';
import type { CoreDeps, CoreReply } from '../../src/bot/core/types.js';
import { ROLES } from '../../src/store/schema.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

// Written out by hand, not read from the registry: the commands that only read (and audit the
// read), so a platform retry needs no replay record. dissent and outcome only open their forms.
const READ_ONLY = ['help', 'next', 'case', 'mine', 'attend', 'dissent', 'outcome', 'qa'];

const parse = (text: string) => parseCommand(text, COMMAND_VOCABULARY);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(CoreError);
    return (err as CoreError).code;
  }
};

describe('the command registry', () => {
  it('has one entry per name, each well formed', () => {
    expect(new Set(COMMAND_NAMES).size).toBe(COMMANDS.length);
    expect(COMMANDS.length).toBe(14);
    for (const c of COMMANDS) {
      expect(c.name).toMatch(/^[a-z]+$/);
      expect(c.usage === c.name || c.usage.startsWith(`${c.name} `)).toBe(true);
      expect(c.help).toMatch(/^[a-z].*[^.]$/);
      expect(c.who === 'anyone' || (CAPABILITIES as readonly string[]).includes(c.who)).toBe(true);
      expect(['everyday', 'personal', 'typed']).toContain(c.menu);
      expect(findCommand(c.name)).toBe(c);
    }
  });

  it('lets the parser accept every name, in any case, and no other word', () => {
    for (const name of COMMAND_NAMES) {
      expect(parse(`${name} CP-0001 more`).name).toBe(name);
      expect(parse(`  ${name.toUpperCase()}`).name).toBe(name);
    }
    expect(parse('').name).toBe('help');
    for (const word of ['helps', 'nex', 'cases', 'shedule', 'outcomes', 'read_only', 'runnext', 'dissent!', 'invite:']) {
      expect(codeOf(() => parse(`${word} CP-0001`))).toBe('UNKNOWN_COMMAND');
    }
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((w) => /^\S+$/.test(w) && [...w].every((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)), (word) => {
        const known = (COMMAND_NAMES as readonly string[]).includes(word.toLowerCase());
        expect(codeOf(() => parse(`${word} x`))).toBe(known ? 'ok' : 'UNKNOWN_COMMAND');
      }),
      { numRuns: 300 },
    );
  });

  it('suggests the everyday commands for an unknown word', () => {
    let message = '';
    try {
      parse('frobnicate CP-0001');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('I don\'t know "frobnicate". Try `next CASE`, `case CASE`, `mine`, `attend CASE`, `dissent CASE` or `help`.');
  });

  it('lists every entry in help, in registry order, with its usage and who may run it', () => {
    const view = runHelp().view!;
    const list = view.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items).toEqual(COMMANDS.map(helpLine));
    for (const c of COMMANDS) {
      const line = helpLine(c);
      expect(line.startsWith(`\`${c.usage}\`: ${c.help}`)).toBe(true);
      expect(line).toContain(`Who: ${whoMayRun(c.who)}.`);
    }
    expect(view.fallback).toBe(`Quorum commands: ${COMMAND_NAMES.join(', ')}.`);
    // The wording help had before the registry, kept.
    expect(list?.type === 'list' && list.items[0]).toBe('`next CASE`: the coming deadlines on a case, soonest first, with the standard each comes from. Who: anyone on the case.');
  });

  it('says who may run each command in words, from the permissions table', () => {
    expect(whoMayRun('anyone')).toBe('anyone');
    expect(whoMayRun(findCommand('next')!.who)).toBe('anyone on the case');
    expect(whoMayRun(findCommand('schedule')!.who)).toBe('chair, social worker or conference admin');
    expect(whoMayRun(findCommand('outcome')!.who)).toBe('chair');
    expect(whoMayRun(findCommand('dissent')!.who)).toBe('social worker, team manager, core group member or invitee');
  });

  it('calls read-only exactly help, next, case, mine, attend, dissent, outcome and qa', () => {
    expect(COMMANDS.filter((c) => c.readOnly).map((c) => c.name).sort()).toEqual([...READ_ONLY].sort());
    for (const name of COMMAND_NAMES) {
      expect(isReadOnlyCommand(`${name} CP-0001 2026-01-20 10:00 a reason`)).toBe(READ_ONLY.includes(name));
      expect(isReadOnlyCommand(`  ${name.toUpperCase()}`)).toBe(READ_ONLY.includes(name));
    }
    // Read as the parser reads it: empty text is help; control characters separate words.
    expect(isReadOnlyCommand('')).toBe(true);
    expect(isReadOnlyCommand('next\u0000CP-0001')).toBe(true);
    expect(isReadOnlyCommand('schedule\tCP-0001')).toBe(false);
    // An unknown word is refused and writes nothing: keeping its replay key costs nothing.
    expect(isReadOnlyCommand('frobnicate')).toBe(false);
  });
});

// A command line for each capability-checked command that gets past its own usage checks, so the
// answer shows whether the role may run it.
const EXAMPLES: Record<string, string> = {
  next: 'next CP-ROLE',
  case: 'case CP-ROLE',
  mine: 'mine',
  attend: 'attend CP-ROLE',
  dissent: 'dissent CP-ROLE',
  schedule: 'schedule CP-ROLE review 2026-06-01 10:00',
  move: 'move CP-ROLE 2026-04-20 10:00 family-request they asked for a later date',
  cancel: 'cancel CP-ROLE family-request they asked for it to be cancelled',
  invite: 'invite CP-ROLE new.person@agency.example Some Agency police',
  uninvite: 'uninvite CP-ROLE ian.vitee@police.example no longer involved with the family',
  record: 'record CP-ROLE visit 2026-02-01',
  outcome: 'outcome CP-ROLE',
  qa: 'qa',
  help: 'help',
};

const code = (r: CoreReply) => r.error?.code ?? 'ok';

describe.each(DB_KINDS)('registry dispatch (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    await importCases(store, { cases: [roleCase()] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  it.each(COMMANDS.filter((c) => c.usage.startsWith(`${c.name} CASE`)).map((c) => [c.name, c.usage]))('sends "%s" alone to its handler, which asks for the case quoting the usage `%s`', async (name, usage) => {
    const reply = await runCommand(deps, ctxFor('chair'), name);
    expect(reply.error?.code).toBe('BAD_USAGE');
    expect(reply.error?.message).toBe(`Which case? Usage: \`${usage}\``);
  });

  it('sends help and an empty command to the help reply', async () => {
    for (const text of ['help', '']) expect((await runCommand(deps, ctxFor('invitee'), text)).view).toEqual(runHelp().view);
  });

  it('has an example for every command', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMANDS.map((c) => [c.name, c.who]))('lets "%s" be run by exactly the roles with %s', async (name, who) => {
    for (const role of ROLES) {
      const reply = await runCommand(deps, ctxFor(role), EXAMPLES[name]!);
      const allowed = who === 'anyone' || can([role], who);
      if (allowed) expect(code(reply), `${role}: ${reply.error?.message}`).not.toMatch(/^(NOT_ALLOWED|NOT_A_MEMBER|BAD_USAGE)$/);
      else expect(code(reply), role).toBe('NOT_ALLOWED');
    }
  });
});
