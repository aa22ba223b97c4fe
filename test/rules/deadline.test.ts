import { describe, expect, it } from 'vitest';
import { computeSpan } from '../../src/rules/deadline.js';

const anchor = (iso: string) => ({ at: new Date(iso), label: 'the conference' });

describe('computeSpan', () => {
  it('moves "48 h before" a Monday 10:00 conference back to Friday 17:00', () => {
    const d = computeSpan({ anchor: 'conference', amount: 48, unit: 'hours', direction: 'before' }, anchor('2026-01-19T10:00:00Z'), []);
    expect(d.dueAt.toISOString()).toBe('2026-01-16T17:00:00.000Z');
    expect(d.due).toBe('2026-01-16');
    expect(d.moved).toBe(true);
  });

  it('moves "24 h before" an 08:30 conference to 17:00 the previous working day', () => {
    const d = computeSpan({ anchor: 'conference', amount: 24, unit: 'hours', direction: 'before' }, anchor('2026-01-15T08:30:00Z'), []);
    expect(d.dueAt.toISOString()).toBe('2026-01-13T17:00:00.000Z');
  });

  it('moves "24 h before" an 18:00 conference to 17:00 the same evening before', () => {
    const d = computeSpan({ anchor: 'conference', amount: 24, unit: 'hours', direction: 'before' }, anchor('2026-01-15T18:00:00Z'), []);
    expect(d.dueAt.toISOString()).toBe('2026-01-14T17:00:00.000Z');
  });

  it('keeps an in-hours instant exact, in BST too', () => {
    const d = computeSpan({ anchor: 'conference', amount: 24, unit: 'hours', direction: 'before' }, anchor('2026-07-08T09:30:00Z'), []);
    expect(d.dueAt.toISOString()).toBe('2026-07-07T09:30:00.000Z');
    expect(d.moved).toBe(false);
  });

  it('moves "24 h before" a Tuesday after Easter Monday back past the long weekend', () => {
    const d = computeSpan({ anchor: 'conference', amount: 24, unit: 'hours', direction: 'before' }, anchor('2026-04-07T09:00:00Z'), []);
    expect(d.dueAt.toISOString()).toBe('2026-04-02T16:00:00.000Z');
  });

  it('moves "2 d before" a Tuesday from Sunday back to Friday', () => {
    const d = computeSpan({ anchor: 'conference', amount: 2, unit: 'days', direction: 'before' }, anchor('2026-01-13T10:00:00Z'), []);
    expect(d.due).toBe('2026-01-09');
  });

  it('counts "within 15 d" as plain calendar days, landing on a weekend if so', () => {
    const d = computeSpan({ anchor: 'strategy_discussion', amount: 15, unit: 'days', direction: 'within' }, anchor('2025-12-19T10:00:00Z'), []);
    expect(d.due).toBe('2026-01-03');
  });

  it('counts from the London date of an instant: 23:30 UTC on a summer Sunday is Monday', () => {
    const d = computeSpan({ anchor: 'strategy_discussion', amount: 1, unit: 'working_days', direction: 'within' }, anchor('2026-06-28T23:30:00Z'), []);
    expect(d.due).toBe('2026-06-30');
    expect(d.dueAt.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('honours profile closure days', () => {
    const d = computeSpan({ anchor: 'conference', amount: 1, unit: 'working_days', direction: 'within' }, anchor('2026-12-23T10:00:00Z'), ['2026-12-24']);
    expect(d.due).toBe('2026-12-29');
  });
});
