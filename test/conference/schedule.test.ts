import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/bot/core/index.js';
import { listAudit } from '../../src/store/audit.js';
import { findCaseByRef, loadCase } from '../../src/store/cases.js';
import { DB_KINDS, openTestStore, type TestStore } from '../support/databases.js';
import { bookingCase, count, ctx, deps, NOW, seed, snapshot, text } from './support.js';

describe.each(DB_KINDS)('schedule, move and cancel (%s)', (kind) => {
  let store: TestStore;
  let d: ReturnType<typeof deps>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    d = deps(store);
    // Dudley, unborn, expected Wed 10 Jun 2026: 24 weeks of pregnancy is 16 weeks before, Wed 18 Feb.
    const prebirth = { ...bookingCase('CP-PB', 'dudley'), children: [{ ref: 'A', initials: 'K.L.', unborn: true, expectedDate: '2026-06-10' }] };
    await seed(store, bookingCase('CP-NAT', 'national'), bookingCase('CP-LATE'), prebirth);
  });
  afterAll(() => store.close());

  const load = async (ref: string) => (await loadCase(store.db, (await findCaseByRef(store.db, ref))!.id))!;

  it.each([
    ['schedule CP-CONF initial 2026-01-05 10:00', 'DATE_IN_PAST'],
    ['schedule CP-CONF initial 2026-01-06 08:59', 'DATE_IN_PAST'],
    ['schedule CP-CONF', 'BAD_USAGE'],
    ['schedule CP-CONF interim 2026-01-20 10:00', 'BAD_USAGE'],
    ['schedule CP-CONF initial 2026-02-30 10:00', 'BAD_DATE'],
    ['schedule CP-CONF initial 20/01/2026 10:00', 'BAD_DATE'],
    ['schedule CP-CONF initial 2026-01-20 25:00', 'BAD_TIME'],
    ['schedule CP-CONF initial 2026-01-20', 'BAD_USAGE'],
    ['schedule CP-CONF initial 2026-01-20 10:00 urgent', 'BAD_USAGE'],
    ['schedule CP-CONF review 2026-01-20 10:00 pre-birth', 'BAD_USAGE'],
    ['move CP-CONF 2026-01-21 10:00 family-request they asked', 'NO_CONFERENCE'],
    ['cancel CP-CONF family-request the family is away that week', 'NO_CONFERENCE'],
  ])('refuses "%s" with %s and writes nothing', async (command, code) => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx('admin'), command);
    expect(reply.error?.code).toBe(code);
    expect(reply.error?.message.length).toBeGreaterThan(10);
    expect(await snapshot(store)).toBe(before);
  });

  it.each([
    ['tm', 'NOT_ALLOWED'],
    ['police', 'NOT_A_MEMBER'],
    ['outsider', 'NOT_A_MEMBER'],
  ] as const)('refuses the %s with %s, telling nothing about the case', async (who, code) => {
    const before = await snapshot(store);
    const reply = await runCommand(d, ctx(who), 'schedule CP-CONF initial 2026-01-20 10:00');
    expect(reply.error?.code).toBe(code);
    expect(text(reply)).not.toMatch(/K\.L\.|icpc|Initial conference/);
    expect(await snapshot(store)).toBe(before);
  });

  it('books an initial conference in time, naming its deadline and standard, audited', async () => {
    const reply = await runCommand(d, ctx('admin'), 'schedule CP-CONF initial 2026-01-20 10:00');
    expect(reply.error).toBeUndefined();
    const all = text(reply);
    expect(all).toContain('Initial conference Tue 20 Jan 2026 at 10:00 booked');
    expect(all).toContain('In time: ');
    expect(all).toContain('Initial conference due by Mon 26 Jan 2026');
    expect(all).toContain('Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2');
    expect(all).not.toContain('Warning');
    const loaded = await load('CP-CONF');
    const conf = loaded.facts.conferences[0]!;
    expect(conf).toMatchObject({ id: 'icpc-1', type: 'initial', status: 'scheduled', at: '2026-01-20T10:00:00.000Z', bookedAt: NOW.toISOString() });
    expect((await listAudit(store.db, 'CP-CONF')).map((a) => a.action)).toContain('CONFERENCE_SCHEDULED');
    expect(d.replanned).toContain(loaded.id);
  });

  it('refuses a second booking while one is booked', async () => {
    const reply = await runCommand(d, ctx('chair'), 'schedule CP-CONF review 2026-03-20 10:00');
    expect(reply.error?.code).toBe('ALREADY_BOOKED');
    expect(reply.error?.message).toContain('move CP-CONF');
  });

  it('books a date past the deadline with a warning that names the deadline and its standard', async () => {
    const reply = await runCommand(d, ctx('sw'), 'schedule CP-LATE initial 2026-01-28 14:30');
    expect(reply.error).toBeUndefined();
    const warning = reply.view!.blocks.find((b) => b.type === 'text' && b.text.includes('Warning'));
    expect(warning && 'text' in warning && warning.text).toMatch(/after the deadline.*Initial conference due by Mon 26 Jan 2026.*Swindon Multi-Agency Standards for Safeguarding Children, Child Protection Conferences standard 2/);
    const audit = (await listAudit(store.db, 'CP-LATE')).find((a) => a.action === 'CONFERENCE_SCHEDULED');
    expect(audit?.detail).toMatchObject({ afterDeadline: true, deadline: '2026-01-26' });
  });

  it('books a pre-birth conference against the pre-birth standard', async () => {
    const reply = await runCommand(d, ctx('admin'), 'schedule CP-NAT initial 2026-01-19 10:00 pre-birth');
    expect(reply.error).toBeUndefined();
    expect(text(reply)).toContain('Pre-birth conference Mon 19 Jan 2026 at 10:00 booked');
    expect((await load('CP-NAT')).facts.conferences[0]!.prebirth).toBe(true);
  });

  it('warns, naming the standard, when a Dudley pre-birth conference is booked before 24 weeks of pregnancy, and not on the day', async () => {
    const early = await runCommand(d, ctx('admin'), 'schedule CP-PB initial 2026-02-17 10:00 pre-birth');
    expect(early.error).toBeUndefined();
    expect(text(early)).toMatch(/Warning: this date is before the earliest the standard allows\. Pre-birth conference \(after 24 weeks of pregnancy\) not before Wed 18 Feb 2026.*Pre-birth Conferences \(Unborn children\)/);
    const moved = await runCommand(d, ctx('admin'), 'move CP-PB 2026-02-18 10:00 family-request they asked');
    expect(moved.error).toBeUndefined();
    expect(text(moved)).not.toContain('before the earliest');
  });

  describe('moving', () => {
    beforeAll(async () => {
      // Two invitees on CP-CONF, so there is someone to tell.
      for (const who of ['pip.constable@police.example Wiltshire Police police', 'hana.visitor@nhs.example Great Western Hospitals health']) {
        const r = await runCommand(d, ctx('admin'), `invite CP-CONF ${who}`);
        expect(r.error).toBeUndefined();
      }
    });

    it.each([
      ['move CP-CONF 2026-01-22 10:00', 'REASON_REQUIRED'],
      ['move CP-CONF 2026-01-22 10:00 busy', 'BAD_REASON'],
      ['move CP-CONF 2026-01-22 10:00 the family asked', 'BAD_REASON'],
      ['move CP-CONF 2026-01-22 10:00 other', 'NOTE_REQUIRED'],
      ['move CP-CONF 2026-01-01 10:00 family-request another day', 'DATE_IN_PAST'],
      ['move CP-CONF 2026-01-22 10:00 chair-unavailable on leave that day', 'FAMILY_REQUEST_ONLY'],
      // The word "family" in a note is not the family's request: only the code is (Swindon CPC 5).
      ['move CP-CONF 2026-01-22 10:00 other the family are fine with it', 'FAMILY_REQUEST_ONLY'],
      ['move CP-CONF 2026-01-20 10:00 family-request the same day', 'SAME_TIME'],
      ['cancel CP-CONF', 'REASON_REQUIRED'],
      ['cancel CP-CONF not quorate', 'BAD_REASON'],
    ])('refuses "%s" with %s and writes nothing', async (command, code) => {
      const before = await snapshot(store);
      const reply = await runCommand(d, ctx('admin'), command);
      expect(reply.error?.code).toBe(code);
      expect(await snapshot(store)).toBe(before);
    });

    it('in Swindon, refuses --confirmed from anyone but the conference admin', async () => {
      const before = await snapshot(store);
      const reply = await runCommand(d, ctx('chair'), 'move CP-CONF 2026-01-22 10:00 other room double-booked by the service --confirmed');
      expect(reply.error?.code).toBe('NOT_ALLOWED');
      expect(await snapshot(store)).toBe(before);
    });

    it('moves at the family\'s request, records the reason and tells every invitee with their card', async () => {
      const nudgesBefore = await count(store, 'nudges', "kind = 'conference_moved'");
      const reply = await runCommand(d, ctx('sw'), 'move CP-CONF 2026-01-22 13:00 family-request the father works on Tuesdays');
      expect(reply.error).toBeUndefined();
      expect(text(reply)).toContain('Moved from Tue 20 Jan 2026 at 10:00');
      expect(text(reply)).toContain('Reason recorded: the family asked for a change.');
      expect(text(reply)).toContain('All 2 invitees are being told');
      const conf = (await load('CP-CONF')).facts.conferences[0]!;
      expect(conf.at).toBe('2026-01-22T13:00:00.000Z');
      expect(conf).toMatchObject({ statusCode: 'family-request', statusReason: 'the father works on Tuesdays' });
      expect(await count(store, 'nudges', "kind = 'conference_moved'")).toBe(nudgesBefore + 2);
      // Invitees hear the code's words, never the note.
      expect(await count(store, 'nudges', "kind = 'conference_moved' and payload::text like '%the family asked for a change%'")).toBe(nudgesBefore + 2);
      expect(await count(store, 'nudges', "payload::text like '%father works%'")).toBe(0);
      const keys = await count(store, 'nudges', "key like 'conference_moved:%:2026-01-22T13:00:00.000Z:%'");
      expect(keys).toBe(2);
      const audit = (await listAudit(store.db, 'CP-CONF')).filter((a) => a.action === 'CONFERENCE_MOVED').at(-1);
      expect(audit?.detail).toMatchObject({ familyRequest: true, confirmedByAdmin: false, inviteesTold: 2 });
    });

    it('in Swindon, moves without a family reason when the conference admin confirms', async () => {
      const reply = await runCommand(d, ctx('admin'), 'move CP-CONF 2026-01-23 10:00 other the venue flooded --confirmed');
      expect(reply.error).toBeUndefined();
      const reply2 = await runCommand(d, ctx('admin'), 'move CP-CONF 2026-01-23 11:00 other the venue needs another hour of cleaning --confirmed');
      expect(reply2.error).toBeUndefined();
      expect(text(reply2)).toContain('Note kept for the chair and children\'s social care: the venue needs another hour of cleaning');
    });

    it('outside Swindon, moves for any recorded reason', async () => {
      const reply = await runCommand(d, ctx('admin'), 'move CP-NAT 2026-01-21 10:00 chair-unavailable unwell this week');
      expect(reply.error).toBeUndefined();
    });

    it('cancels with the reason, tells every invitee, and says the deadline still runs', async () => {
      const reply = await runCommand(d, ctx('chair'), 'cancel CP-CONF inquorate police and health cannot attend');
      expect(reply.error).toBeUndefined();
      expect(text(reply)).toContain('Still due: Initial conference due by Mon 26 Jan 2026');
      const conf = (await load('CP-CONF')).facts.conferences[0]!;
      expect(conf).toMatchObject({ status: 'cancelled', statusCode: 'inquorate', statusReason: 'police and health cannot attend' });
      expect(await count(store, 'nudges', "kind = 'conference_cancelled'")).toBe(2);
      expect((await listAudit(store.db, 'CP-CONF')).map((a) => a.action)).toContain('CONFERENCE_CANCELLED');
      // A new booking gets a new key.
      const again = await runCommand(d, ctx('admin'), 'schedule CP-CONF initial 2026-01-26 10:00');
      expect(again.error).toBeUndefined();
      expect((await load('CP-CONF')).facts.conferences.map((c) => c.id)).toEqual(['icpc-1', 'icpc-2']);
    });
  });
});
