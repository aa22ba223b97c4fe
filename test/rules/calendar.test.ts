import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonthsClamped,
  addWorkingDays,
  bankHolidays,
  formatLondonDate,
  isWithinWorkingHours,
  isWorkingDay,
  londonDate,
  londonDateTime,
  nextWorkingMorning,
  workingDaysBetween,
} from '../../src/rules/calendar.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/bank-holidays-england-and-wales.json', import.meta.url), 'utf8')) as {
  events: { title: string; date: string }[];
};

describe('bankHolidays', () => {
  it.each([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])('matches the official England and Wales list for %i', (year) => {
    const official = fixture.events.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.date).sort();
    expect(bankHolidays(year)).toEqual(official);
  });

  it('keeps the one-off holidays: 2020 VE Day, 2022 jubilee and state funeral, 2023 coronation', () => {
    expect(bankHolidays(2020)).toContain('2020-05-08');
    expect(bankHolidays(2020)).not.toContain('2020-05-04');
    expect(bankHolidays(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(bankHolidays(2023)).toContain('2023-05-08');
  });

  it('lists the substitute day, not the weekend date it replaces, and no observances', () => {
    expect(bankHolidays(2026)).toContain('2026-12-28');
    expect(bankHolidays(2026)).not.toContain('2026-12-26');
    expect(bankHolidays(2026)).not.toContain('2026-04-05'); // Easter Sunday
    expect(bankHolidays(2026)).not.toContain('2026-03-15'); // Mother's Day
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-14', true],
    ['2026-01-17', false],
    ['2026-01-18', false],
    ['2026-12-25', false],
    ['2026-12-28', false],
    ['2026-12-29', true],
    ['2026-04-03', false],
    ['2026-04-06', false],
  ])('says %s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('treats a profile closure day as not working', () => {
    expect(isWorkingDay('2026-12-24', ['2026-12-24'])).toBe(false);
    expect(addWorkingDays('2026-12-23', 1, ['2026-12-24'])).toBe('2026-12-29');
  });
});

describe('addWorkingDays', () => {
  it('counts the worked example: Fri 19 Dec 2025 + 15 WD = Wed 14 Jan 2026', () => {
    expect(addWorkingDays('2025-12-19', 15)).toBe('2026-01-14');
  });

  it('counts back: 3 WD before Wed 14 Jan 2026 is Fri 9 Jan 2026', () => {
    expect(addWorkingDays('2026-01-14', -3)).toBe('2026-01-09');
  });

  it('treats the start day as day 0 even when it is not a working day', () => {
    expect(addWorkingDays('2026-01-17', 1)).toBe('2026-01-19');
    expect(addWorkingDays('2026-12-25', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-01-17', 0)).toBe('2026-01-17');
  });

  it('skips the whole Christmas span, substitute days included', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(addWorkingDays('2020-12-24', 1)).toBe('2020-12-29');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('skips Easter: Thu 2 Apr 2026 + 1 WD = Tue 7 Apr 2026', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from up to and including to', () => {
    expect(workingDaysBetween('2025-12-19', '2026-01-14')).toBe(15);
    expect(workingDaysBetween('2026-01-14', '2026-01-14')).toBe(0);
    expect(workingDaysBetween('2026-01-14', '2025-12-19')).toBe(-15);
  });
});

describe('londonDate', () => {
  it('turns 23:30 UTC on a summer Sunday into Monday', () => {
    expect(londonDate(new Date('2026-06-28T23:30:00Z'))).toBe('2026-06-29');
  });

  it('keeps 23:30 UTC on a winter Sunday on Sunday', () => {
    expect(londonDate(new Date('2026-01-18T23:30:00Z'))).toBe('2026-01-18');
  });

  it('follows the clock changes: BST starts 01:00 UTC on 29 Mar 2026 and ends 01:00 UTC on 25 Oct 2026', () => {
    expect(londonDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(londonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(londonDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(londonDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });
});

describe('londonDateTime', () => {
  it('gives 17:00 London as 17:00Z in winter and 16:00Z in summer', () => {
    expect(londonDateTime('2026-01-14', '17:00').toISOString()).toBe('2026-01-14T17:00:00.000Z');
    expect(londonDateTime('2026-07-01', '17:00').toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('gets both sides of each clock change right', () => {
    expect(londonDateTime('2026-03-28', '09:00').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(londonDateTime('2026-03-29', '09:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(londonDateTime('2026-10-24', '09:00').toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(londonDateTime('2026-10-25', '09:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-14', 3, '2026-04-14'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('adds to %s %i months giving %s', (date, n, expected) => {
    expect(addMonthsClamped(date, n)).toBe(expected);
  });

  it('adds calendar days across a leap day', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
  });
});

describe('nextWorkingMorning', () => {
  it('gives today 09:00 before 09:00 on a working day', () => {
    expect(nextWorkingMorning(new Date('2026-01-14T07:00:00Z')).toISOString()).toBe('2026-01-14T09:00:00.000Z');
  });

  it('gives the next working day after hours, skipping Christmas', () => {
    expect(nextWorkingMorning(new Date('2026-12-24T18:00:00Z')).toISOString()).toBe('2026-12-29T09:00:00.000Z');
  });

  it('uses 09:00 BST in summer', () => {
    expect(nextWorkingMorning(new Date('2026-07-03T12:00:00Z')).toISOString()).toBe('2026-07-06T08:00:00.000Z');
  });
});

describe('isWithinWorkingHours', () => {
  it('is true at 10:00 London on a working day and false on a bank holiday', () => {
    expect(isWithinWorkingHours(new Date('2026-07-01T09:00:00Z'), 9, 17)).toBe(true);
    expect(isWithinWorkingHours(new Date('2026-07-01T16:30:00Z'), 9, 17)).toBe(false);
    expect(isWithinWorkingHours(new Date('2026-08-31T10:00:00Z'), 9, 17)).toBe(false);
  });
});

describe('formatLondonDate', () => {
  it('writes "Wed 14 Jan 2026"', () => {
    expect(formatLondonDate('2026-01-14')).toBe('Wed 14 Jan 2026');
  });
});

const dateArb = fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('calendar properties', () => {
  it('lands on a working day N>0 working days after any date', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (date, n) => isWorkingDay(addWorkingDays(date, n))));
  });

  it('counts back N working days to on or before the start, and forward again to the start or later', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const back = addWorkingDays(date, -n);
        return back < date && isWorkingDay(back) && addWorkingDays(back, n) >= date;
      }),
    );
  });

  it('agrees with workingDaysBetween', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (date, n) => workingDaysBetween(date, addWorkingDays(date, n)) === n));
  });

  it('puts every instant on the London date that Intl gives', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }), (d) => londonDate(d) === fmt.format(d)),
    );
  });
});
