// Random and mutated Teams activities for the endpoint fuzz, from a seeded generator: message and
// invoke (adaptiveCard/action, card clicks and form submissions) shaped as Teams sends them, then
// broken (wrong types, NUL, lone surrogates, huge and deep values) or kept valid with hostile content.
// Valid ones never name a real case with a command or click that writes, and keep the sender and
// conversation of the template: a test that expects zero writes must not ask for one.
import fc from 'fast-check';
import { invokeActivity, messageActivity } from '../teams/harness.js';
import { rng } from '../../bench/generate.js';

export type Rng = () => number;

/** The bench's mulberry32: fast, and the same inputs every run for a given seed. */
export const seededRng: (seed: number) => Rng = rng;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** A copy through JSON: shared pools must not be mutated, and `__proto__` stays a plain key. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

const HOSTILE_TEXT = [
  "case NOPE-1' or 1=1 --",
  'next ../../etc/passwd',
  'attend NOPE-9',
  'cancel NOPE-1 other',
  'move NOPE-1 2026-13-45 25:00 other',
  'invite NOPE-1 someone@example.com police',
  'dissent NOPE-3',
  '<at>Quorum</at>&nbsp;next NOPE-2',
  '${jndi:ldap://127.0.0.1/x}',
  '\u202eNOPE-1 esac',
  '😀 next 😀',
  'next ' + 'N'.repeat(2000),
  'x'.repeat(4000),
  '',
  '   ',
];

const HOSTILE_DATA: Record<string, unknown>[] = [
  { a: 'attend', c: 'NOPE-1', f: 'rcpc-1' },
  { a: 'snooze', c: 'NOPE-9', n: 999_999 },
  { a: 'attend', c: "DEMO-9' --", f: 'x' },
  { a: 'attend', c: 123 },
  { a: 'bogus', c: 'NOPE-1' },
  { a: 'report_withheld', c: 'NOPE-2', f: { nested: true } },
  { a: 'dissent_open', c: 'NOPE-3', n: -1 },
  { a: 'attend', c: 'NOPE-1', n: 1e308 },
  {},
];

const HOSTILE_FORMS: Record<string, unknown>[] = [
  { form: 'dissent', state: { a: 'dissent_open', c: 'NOPE-3' }, decision: 'plan', view: 'x'.repeat(3000), formal: 'formal' },
  { form: 'outcome', state: { a: 'outcome_open', c: 'NOPE-1', f: 'icpc-1' }, children: ['C1'] },
  { form: 'nope', state: 'not an object' },
  { form: 'deputy', state: { a: 'deputy', c: 42 }, name: ['a', 'b'] },
];

/** Values that no field accepts where a string or an object is expected. */
function brokenValue(rng: Rng): unknown {
  switch (Math.floor(rng() * 11)) {
    case 0:
      return Math.floor(rng() * 1e9);
    case 1:
      return rng() < 0.5;
    case 2:
      return null;
    case 3:
      return [pick(rng, ['a', 1, null])];
    case 4:
      return { x: 1 };
    case 5:
      return `id\u0000${Math.floor(rng() * 1e6)}`;
    case 6:
      return `lone\ud800${Math.floor(rng() * 1e6)}`;
    case 7:
      // Huge, but rarely: the point is the limit, not the bandwidth.
      return rng() < 0.03 ? 'x'.repeat(40_000) : 'y'.repeat(600);
    case 8: {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 40; i++) deep = { d: deep };
      return deep;
    }
    case 9:
      return JSON.parse('{"__proto__":{"polluted":true}}');
    default:
      return undefined;
  }
}

/**
 * Fields stored in the chat link's conversation reference: a still-valid change there is a real
 * (if harmless) write, so these only ever get values no schema accepts.
 */
const REFERENCE_FIELDS = new Set(['from', 'recipient', 'conversation', 'locale', 'serviceUrl', 'channelId']);

function neverValid(rng: Rng): unknown {
  return pick(rng, [Math.floor(rng() * 1e9), ['a'], `id\u0000${Math.floor(rng() * 1e6)}`, `lone\ud800`]);
}

/** Every path to a leaf or an object in a template, for choosing what to break. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setPath(target: Record<string, any>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export interface FuzzInput {
  /** The request body as sent (a string: some are not JSON at all). */
  body: string;
  /** True when the activity is well formed, so it reaches a turn. */
  valid: boolean;
}

export function fuzzInputs(count: number, serviceUrl: string, seed = 15): FuzzInput[] {
  const rng = seededRng(seed);
  const randomJson = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 400, seed });
  const randomText = fc.sample(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), { numRuns: 400, seed });
  const templates = [
    () => messageActivity('next NOPE-1', { serviceUrl }),
    () => invokeActivity('attend', { a: 'attend', c: 'NOPE-1', f: 'rcpc-1' }, { serviceUrl }),
    () => invokeActivity('form_submit', { form: 'dissent', state: { a: 'dissent_open', c: 'NOPE-3' }, decision: 'plan', view: 'A view.', formal: 'formal' }, { serviceUrl }),
  ];
  const out: FuzzInput[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng();
    const activity = copy(pick(rng, templates)()) as Record<string, any>;
    if (roll < 0.05) {
      // Not an activity at all.
      const junk = pick(rng, [...randomJson, '{ not json', '', '[]', 'null', '"a string"']);
      out.push({ body: typeof junk === 'string' && rng() < 0.5 ? junk : JSON.stringify(junk), valid: false });
    } else if (roll < 0.92) {
      // One to three fields broken anywhere in the activity.
      const all = paths(activity);
      for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
        const path = pick(rng, all);
        const value = REFERENCE_FIELDS.has(path[0]!) ? neverValid(rng) : n === 1 ? brokenValue(rng) : pick(rng, [...randomJson, brokenValue(rng)]);
        setPath(activity, path, copy(value));
      }
      out.push({ body: JSON.stringify(activity), valid: false });
    } else {
      // Well formed, hostile content: text for messages, data for clicks and forms.
      if (activity.type === 'message') activity.text = rng() < 0.5 ? pick(rng, HOSTILE_TEXT) : pick(rng, randomText).replaceAll('\u0000', '').replace(/[\ud800-\udfff]/g, '');
      else activity.value.action.data = copy(pick(rng, [...HOSTILE_DATA, ...HOSTILE_FORMS]));
      if (activity.type === 'invoke' && rng() < 0.3) activity.value.action.verb = pick(rng, ['attend', 'snooze', 'form_submit', 'no_such_verb', 'x'.repeat(64)]);
      out.push({ body: JSON.stringify(activity), valid: true });
    }
  }
  return out;
}
