import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runCommand } from '../../src/bot/core/index.js';
import type { CoreDeps, CoreReply } from '../../src/bot/core/types.js';
import { importCases } from '../../src/store/import.js';
import { ctxFor, ROLE_PEOPLE, roleCase } from '../support/core-case.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';

type Who = keyof typeof ROLE_PEOPLE;
const WHO: Who[] = ['chair', 'social_worker', 'team_manager', 'conference_admin', 'core_group', 'invitee', 'qa_manager', 'outsider'];

// The expected answer for each command and role, written out by hand (not derived from the table
// under test): 'ok', or the refusal code.
const EXPECTED: Record<string, Record<Who, string>> = {
  'next CP-ROLE': { chair: 'ok', social_worker: 'ok', team_manager: 'ok', conference_admin: 'ok', core_group: 'ok', invitee: 'ok', qa_manager: 'ok', outsider: 'NOT_A_MEMBER' },
  'case CP-ROLE': { chair: 'ok', social_worker: 'ok', team_manager: 'ok', conference_admin: 'ok', core_group: 'ok', invitee: 'ok', qa_manager: 'ok', outsider: 'NOT_A_MEMBER' },
  'attend CP-ROLE': { chair: 'NOT_ALLOWED', social_worker: 'ok', team_manager: 'NOT_INVITED', conference_admin: 'NOT_ALLOWED', core_group: 'NOT_INVITED', invitee: 'ok', qa_manager: 'NOT_ALLOWED', outsider: 'NOT_A_MEMBER' },
  'dissent CP-ROLE': { chair: 'NOT_ALLOWED', social_worker: 'ok', team_manager: 'ok', conference_admin: 'NOT_ALLOWED', core_group: 'ok', invitee: 'ok', qa_manager: 'NOT_ALLOWED', outsider: 'NOT_A_MEMBER' },
  mine: { chair: 'ok', social_worker: 'ok', team_manager: 'ok', conference_admin: 'ok', core_group: 'ok', invitee: 'ok', qa_manager: 'ok', outsider: 'NOT_LINKED' },
  help: { chair: 'ok', social_worker: 'ok', team_manager: 'ok', conference_admin: 'ok', core_group: 'ok', invitee: 'ok', qa_manager: 'ok', outsider: 'NOT_LINKED' },
  'next CP-NOPE': { chair: 'NOT_A_MEMBER', social_worker: 'NOT_A_MEMBER', team_manager: 'NOT_A_MEMBER', conference_admin: 'NOT_A_MEMBER', core_group: 'NOT_A_MEMBER', invitee: 'NOT_A_MEMBER', qa_manager: 'NOT_A_MEMBER', outsider: 'NOT_A_MEMBER' },
};

// Who sees the full case (every invitation, reports by agency) and who sees dissent entries.
const FULL: Who[] = ['chair', 'social_worker', 'team_manager', 'conference_admin', 'qa_manager'];
const SEES_DISSENT: Who[] = ['chair', 'social_worker', 'team_manager', 'qa_manager'];

const outcome = (r: CoreReply) => r.error?.code ?? 'ok';
const text = (r: CoreReply) => JSON.stringify(r);

describe.each(DB_KINDS)('permissions (%s)', (kind) => {
  let store: TestStore;
  let deps: CoreDeps;
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { store };
    const file = roleCase();
    // The outsider is a known person (on another case), so refusals are about membership, not identity.
    const other = roleCase('CP-OTHER');
    other.members = [{ ...ROLE_PEOPLE.outsider, role: 'core_group' }];
    await importCases(store, { cases: [file, other] }, { actor: 'test', correlationId: 'c' });
  });
  afterAll(() => store.close());

  const rows = Object.entries(EXPECTED).flatMap(([command, byRole]) => WHO.map((who) => [command, who, byRole[who]] as const));
  it.each(rows)('answers "%s" from the %s with %s', async (command, who, expected) => {
    const reply = await runCommand(deps, ctxFor(who === 'outsider' && (command === 'mine' || command === 'help') ? 'outsider' : who), command);
    if (who === 'outsider' && (command === 'mine' || command === 'help')) {
      // The outsider here is linked (a member elsewhere): mine and help work, and show nothing of CP-ROLE.
      expect(outcome(reply)).toBe('ok');
      expect(text(reply)).not.toContain('CP-ROLE');
      return;
    }
    expect(outcome(reply)).toBe(expected);
    if (expected !== 'ok') expect(text(reply)).not.toMatch(/K\.L\.|icpc|rcpc|Review conference/);
  });

  it.each(WHO.filter((w) => w !== 'outsider'))('shows the %s the full case only when their role allows it', async (who) => {
    const reply = await runCommand(deps, ctxFor(who), 'case CP-ROLE');
    expect(text(reply).includes('Invitations and reports')).toBe(FULL.includes(who));
  });

  it.each(WHO.filter((w) => w !== 'outsider'))('shows the %s dissent entries only when their role allows it', async (who) => {
    const reply = await runCommand(deps, ctxFor(who), 'case CP-ROLE');
    expect(text(reply).includes('Professional dissent')).toBe(SEES_DISSENT.includes(who));
    expect(text(reply).includes('Police consider physical abuse')).toBe(SEES_DISSENT.includes(who));
  });

  it('lets a QA manager of another case in the same partnership see this one, dissent included', async () => {
    const qaElsewhere = { name: 'Quade Partner', email: 'quade.partner@council.example', agency: 'Safeguarding QA', sector: 'childrens_social_care' as const, role: 'qa_manager' as const };
    const third = roleCase('CP-THIRD');
    third.members = [qaElsewhere];
    third.dissents = [];
    await importCases(store, { cases: [third] }, { actor: 'test', correlationId: 'c2' });
    const ctx = { user: { platform: 'slack' as const, workspaceId: 'T0TEST', userId: 'UQUADE', email: qaElsewhere.email }, correlationId: 'qa', now: new Date('2026-02-02T10:00:00Z') };
    const reply = await runCommand(deps, ctx, 'case CP-ROLE');
    expect(outcome(reply)).toBe('ok');
    expect(text(reply)).toContain('Police consider physical abuse');
    const devon = roleCase('CP-DEVON', 'devon');
    devon.members = [];
    await importCases(store, { cases: [devon] }, { actor: 'test', correlationId: 'c3' });
    expect(outcome(await runCommand(deps, ctx, 'case CP-DEVON'))).toBe('NOT_A_MEMBER');
    // Same profile (Swindon), another partnership: its cases stay closed to this QA manager.
    const neighbour = roleCase('CP-NEIGHBOUR');
    neighbour.partnership = 'Wiltshire test partnership';
    neighbour.members = [];
    await importCases(store, { cases: [neighbour] }, { actor: 'test', correlationId: 'c4' });
    expect(outcome(await runCommand(deps, ctx, 'case CP-NEIGHBOUR'))).toBe('NOT_A_MEMBER');
    expect(outcome(await runCommand(deps, ctx, 'next CP-NEIGHBOUR'))).toBe('NOT_A_MEMBER');
  });

  it('tells an unlinked chat user to ask the conference admin, and nothing about any case', async () => {
    const reply = await runCommand(deps, { user: { platform: 'slack', workspaceId: 'T0TEST', userId: 'UNOBODY', email: 'nobody@nowhere.example' }, correlationId: 'x', now: new Date() }, 'next CP-ROLE');
    expect(reply.error?.code).toBe('NOT_LINKED');
    expect(reply.error?.message).toMatch(/Ask the conference admin/);
    expect(text(reply)).not.toContain('K.L.');
  });

  it.each([
    ['attend', 'chair', 'NOT_ALLOWED'],
    ['attend', 'outsider', 'NOT_A_MEMBER'],
    ['attend', 'invitee', 'ok'],
    ['report_submitted', 'conference_admin', 'NOT_ALLOWED'],
    ['report_submitted', 'invitee', 'ok'],
    ['dissent_open', 'qa_manager', 'NOT_ALLOWED'],
    ['dissent_open', 'core_group', 'ok'],
  ] as const)('answers the %s button from the %s with %s', async (a, who, expected) => {
    const reply = await runAction(deps, ctxFor(who), { a, c: 'CP-ROLE', f: 'rcpc-1' });
    expect(outcome(reply)).toBe(expected);
  });
});
