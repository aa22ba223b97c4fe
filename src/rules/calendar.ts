// England and Wales working-day calendar, always in Europe/London whatever the machine's TZ.
// The scheduler calls this for 50,000 cases a sweep, so everything costly is memoised per year:
// the bank-holiday set and the London UTC-offset segments (read once from the tz database).
import { addMonths } from 'date-fns/addMonths';
import { TZDate, tz } from '@date-fns/tz';
import Holidays from 'date-holidays';

export const LONDON = 'Europe/London';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// ---- date strings <-> epoch days (pure arithmetic, no time zone involved) ----

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
const epochDays = new Map<string, number>();

export function toEpochDay(date: string): number {
  let day = epochDays.get(date);
  if (day === undefined) {
    const m = ISO_DATE.exec(date);
    if (!m) throw new RangeError(`expected an ISO date (YYYY-MM-DD), got "${date}"`);
    day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
    if (epochDays.size > 100_000) epochDays.clear();
    epochDays.set(date, day);
  }
  return day;
}

// Date strings are interned per epoch day: the hot path turns the same few thousand days over and over.
const dateStrings = new Map<number, string>();

export function fromEpochDay(day: number): string {
  let s = dateStrings.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateStrings.set(day, s);
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// ---- London offsets ----

type Segment = { from: number; offsetMs: number };
const segmentsByYear = new Map<number, Segment[]>();

function offsetAt(ms: number): number {
  return -new TZDate(ms, LONDON).getTimezoneOffset() * 60_000;
}

// One tz lookup per day of the year (plus an hour scan on change days), once per year.
function londonSegments(year: number): Segment[] {
  let segments = segmentsByYear.get(year);
  if (segments) return segments;
  const start = Date.UTC(year, 0, 1) - DAY_MS;
  const end = Date.UTC(year + 1, 0, 1) + DAY_MS;
  segments = [{ from: start, offsetMs: offsetAt(start) }];
  for (let day = start + DAY_MS; day <= end; day += DAY_MS) {
    const last = segments[segments.length - 1]!;
    if (offsetAt(day) === last.offsetMs) continue;
    let ms = day - DAY_MS;
    while (offsetAt(ms) === last.offsetMs) ms += 15 * 60_000;
    segments.push({ from: ms, offsetMs: offsetAt(ms) });
  }
  segmentsByYear.set(year, segments);
  return segments;
}

// The last segment found: consecutive look-ups nearly always fall in the same one.
let hit = { from: 0, to: -1, offsetMs: 0 };

function londonOffset(ms: number): number {
  if (ms >= hit.from && ms < hit.to) return hit.offsetMs;
  const segments = londonSegments(new Date(ms).getUTCFullYear());
  let i = 0;
  while (i + 1 < segments.length && segments[i + 1]!.from <= ms) i++;
  const s = segments[i]!;
  const next = segments[i + 1];
  if (next) hit = { from: s.from, to: next.from, offsetMs: s.offsetMs };
  return s.offsetMs;
}

/** The London calendar date of an instant: 23:30 UTC on a summer Sunday is Monday. */
export function londonDate(instant: Date): string {
  const ms = instant.getTime();
  return fromEpochDay(Math.floor((ms + londonOffset(ms)) / DAY_MS));
}

/** Minutes since London midnight for an instant. */
export function londonMinutes(instant: Date): number {
  const ms = instant.getTime();
  const local = ms + londonOffset(ms);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The instant of a London wall-clock time ("HH:MM") on a date. */
export function londonDateTime(date: string, hhmm: string): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`expected HH:MM, got "${hhmm}"`);
  const wall = toEpochDay(date) * DAY_MS + Number(m[1]) * HOUR_MS + Number(m[2]) * 60_000;
  // Standard two-step: guess with the offset at the wall time, then correct with the real one.
  const guess = wall - londonOffset(wall);
  return new Date(wall - londonOffset(guess));
}

/** 17:00 London on a date: the close of the working day, when day-based deadlines fall due. */
export function closeOfDay(date: string): Date {
  return londonDateTime(date, '17:00');
}

// ---- bank holidays ----

const holidaysByYear = new Map<number, Set<string>>();
let holidayLib: Holidays | null = null;

function holidaySet(year: number): Set<string> {
  let set = holidaysByYear.get(year);
  if (set) return set;
  holidayLib ??= new Holidays('GB', 'ENG');
  set = new Set<string>();
  for (const h of holidayLib.getHolidays(year)) {
    // The library also lists observances and the weekend date a substitute day replaces.
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    const wd = weekday(toEpochDay(date));
    if (wd !== 0 && wd !== 6) set.add(date);
  }
  holidaysByYear.set(year, set);
  return set;
}

/** England and Wales bank holidays in a year (weekdays only, substitute days included), sorted. */
export function bankHolidays(year: number): string[] {
  return [...holidaySet(year)].sort();
}

// Closure days as epoch-day sets, memoised by array identity (profiles are loaded once).
const closureSets = new WeakMap<readonly string[], Set<number>>();
const EMPTY: readonly string[] = [];

function closureSet(closureDays: readonly string[]): Set<number> {
  let set = closureSets.get(closureDays);
  if (!set) {
    set = new Set(closureDays.map(toEpochDay));
    closureSets.set(closureDays, set);
  }
  return set;
}

const workingCache = new Map<number, boolean>();

function isWorkingEpochDay(day: number, closures: Set<number>): boolean {
  let working = workingCache.get(day);
  if (working === undefined) {
    const wd = weekday(day);
    const date = fromEpochDay(day);
    working = wd !== 0 && wd !== 6 && !holidaySet(Number(date.slice(0, 4))).has(date);
    workingCache.set(day, working);
  }
  return working && (closures.size === 0 || !closures.has(day));
}

// ---- working days ----

export function isWorkingDay(date: string, closureDays: readonly string[] = EMPTY): boolean {
  return isWorkingEpochDay(toEpochDay(date), closureSet(closureDays));
}

/** The date N working days after (N < 0: before) a date; the start date itself is day 0. */
export function addWorkingDays(date: string, n: number, closureDays: readonly string[] = EMPTY): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
  const closures = closureSet(closureDays);
  const step = n < 0 ? -1 : 1;
  let day = toEpochDay(date);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingEpochDay(day, closures)) left--;
  }
  return fromEpochDay(day);
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, closureDays: readonly string[] = EMPTY): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (b < a) return -workingDaysBetween(to, from, closureDays);
  const closures = closureSet(closureDays);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingEpochDay(day, closures)) count++;
  return count;
}

/** The working day on or before a date. */
export function onOrBeforeWorkingDay(date: string, closureDays: readonly string[] = EMPTY): string {
  const closures = closureSet(closureDays);
  let day = toEpochDay(date);
  while (!isWorkingEpochDay(day, closures)) day--;
  return fromEpochDay(day);
}

export function addCalendarDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Same day of the month N months on, clamped to the month's end (30 Nov + 3 m = 28/29 Feb). */
const monthsCache = new Map<string, string>();

export function addMonthsClamped(date: string, n: number): string {
  const key = `${date}|${n}`;
  let out = monthsCache.get(key);
  if (out === undefined) {
    // date-fns clamps to the month's end; the UTC context keeps the machine's zone out of it.
    const at = new TZDate(toEpochDay(date) * DAY_MS + 12 * HOUR_MS, 'UTC');
    out = addMonths(at, n, { in: tz('UTC') }).toISOString().slice(0, 10);
    if (monthsCache.size > 50_000) monthsCache.clear();
    monthsCache.set(key, out);
  }
  return out;
}

/** The next working day's HH:00 London after `now`; today's if now is before it on a working day. */
export function nextWorkingMorning(now: Date, hour = 9, closureDays: readonly string[] = EMPTY): Date {
  const hh = `${String(hour).padStart(2, '0')}:00`;
  const today = londonDate(now);
  if (isWorkingDay(today, closureDays)) {
    const candidate = londonDateTime(today, hh);
    if (now.getTime() < candidate.getTime()) return candidate;
  }
  return londonDateTime(addWorkingDays(today, 1, closureDays), hh);
}

/** Whether `now` is between startHour:00 and endHour:00 London (both inclusive, to the minute) on a working day. */
export function isWithinWorkingHours(now: Date, startHour: number, endHour: number, closureDays: readonly string[] = EMPTY): boolean {
  if (!isWorkingDay(londonDate(now), closureDays)) return false;
  const minutes = londonMinutes(now);
  return minutes >= startHour * 60 && minutes <= endHour * 60;
}

/** "Wed 14 Jan 2026". */
export function formatLondonDate(date: string): string {
  const day = toEpochDay(date);
  const [y, m, d] = date.split('-');
  return `${DAY_NAMES[weekday(day)]} ${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** "10:00" London wall time of an instant. */
export function formatLondonTime(instant: Date): string {
  const minutes = londonMinutes(instant);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
