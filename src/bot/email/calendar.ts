// The conference as an iCalendar object (RFC 5545/5546), built with ical-generator: a REQUEST when
// invited or moved (SEQUENCE one higher on every move), a CANCEL when cancelled or uninvited. The
// UID is stable per conference, so calendars replace or remove the entry they already hold. Times
// carry TZID=Europe/London with its VTIMEZONE: a conference at 10:00 stays at 10:00 London time.
import { TZDate } from '@date-fns/tz';
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export const LONDON = 'Europe/London';

/** Conferences have a start time only; calendars get a two-hour slot, as conferences usually take. */
export const CONFERENCE_MINUTES = 120;

// The UK rule since 1996 (last Sunday of March at 01:00 UTC, last Sunday of October at 01:00 UTC).
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarEntry {
  uid: string;
  sequence: number;
  start: Date;
  /** "Initial child protection conference: CP-0001 (A.B.)": reference and initials only. */
  summary: string;
  description: string;
  url?: string;
}

export interface CalendarParty {
  organizer: string;
  attendee?: string;
}

/** A stable UID for a conference on this Quorum (the host of QUORUM_PUBLIC_URL keeps it unique). */
export function conferenceUid(conferenceId: number, publicUrl: string): string {
  return `conference-${conferenceId}@${new URL(publicUrl).hostname}`;
}

function calendar(method: ICalCalendarMethod | null) {
  return ical({ method, prodId: { company: 'Quorum', product: 'Quorum', language: 'EN' }, timezone: { name: LONDON, generator: () => LONDON_VTIMEZONE } });
}

function addEvent(cal: ReturnType<typeof calendar>, e: CalendarEntry, party: CalendarParty, cancelled: boolean, stamp: Date): void {
  cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp,
    start: new TZDate(e.start, LONDON),
    end: new TZDate(new Date(e.start.getTime() + CONFERENCE_MINUTES * 60_000), LONDON),
    timezone: LONDON,
    summary: e.summary,
    description: e.description,
    url: e.url ?? null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Quorum', email: party.organizer },
    attendees: party.attendee ? [{ email: party.attendee, role: ICalAttendeeRole.REQ, rsvp: false }] : [],
  });
}

/** The attachment of an invitation or a move (REQUEST), or of a cancel or withdrawal (CANCEL). */
export function conferenceInvite(method: 'REQUEST' | 'CANCEL', e: CalendarEntry, party: CalendarParty, stamp: Date): string {
  const cal = calendar(method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
  addEvent(cal, e, party, method === 'CANCEL', stamp);
  return cal.toString();
}

/** A deadline in the feed: an all-day event on the London date it falls due. */
export interface DeadlineEntry {
  uid: string;
  /** YYYY-MM-DD */
  due: string;
  summary: string;
  description: string;
}

/** A subscribed feed (no METHOD): the person's conferences and own deadlines, each as it stands now. */
export function personalFeed(entries: CalendarEntry[], organizer: string, stamp: Date, deadlines: DeadlineEntry[] = []): string {
  const cal = calendar(null);
  cal.name('Quorum: my child protection conferences and deadlines');
  for (const e of entries) addEvent(cal, e, { organizer }, false, stamp);
  for (const d of deadlines) {
    // The date as text: a Date would be read in this process's time zone and could shift a day.
    cal.createEvent({ id: d.uid, stamp, allDay: true, start: d.due, summary: `Due: ${d.summary}`, description: d.description, organizer: { name: 'Quorum', email: organizer } });
  }
  return cal.toString();
}
