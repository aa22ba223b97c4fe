// Inputs for the Slack endpoint fuzz: real payloads (a slash command, a button click, a form
// submission, an App Home event) mutated the ways an attacker or a broken client would: wrong types,
// NUL bytes, huge strings, missing fields, nested junk, foreign teams, broken encodings; plus fully
// random JSON. Built from a seeded generator, so a failure can be replayed, and cheaply: 10,000
// inputs take a few hundred milliseconds.
import fc from 'fast-check';

export interface SlackInput {
  kind: 'command' | 'action' | 'view' | 'event' | 'random';
  body: string;
  contentType: string;
}

export interface RealPayloads {
  command: Record<string, string>;
  click: Record<string, unknown>;
  submit: Record<string, unknown>;
  event: Record<string, unknown>;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
// Far over every field's limit, yet small enough that thousands of them send quickly; ABSURD (just
// under the body limit) goes into one input in a thousand.
const HUGE = 'x'.repeat(5_000);
const ABSURD = 'x'.repeat(900_000);
const DEEP = JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown;
const JUNK: unknown[] = [42, -1, 0, 1e308, true, false, null, [], {}, ['UAAAA1'], { id: 'UAAAA1' }, '', ' ', 'U 1', '\u0000', 'U\u0000X', '\ud800\u202e', "'; drop table people; --", HUGE, DEEP, { a: [{ b: { c: [1, { d: '\u0000' }] } }] }];
const HOSTILE_TEXT = ['next CP-ROLE', 'attend CP-ROLE', 'mine', 'help', "case CP-ROLE' or 1=1 --", '<@U0|x> dissent', 'uninvite CP-ROLE ian.vitee@police.example oops', 'next \u0000', '\u202e\ud800', HUGE.slice(0, 5_000) /* over the 4,000 a command may have */, 'next ../../etc/passwd', ''];

/** mulberry32: small, fast and good enough to pick mutations. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  // A fresh copy of an object, so a later mutation cannot change the shared one.
  const junk = (): unknown => {
    const j = pick(JUNK);
    return j && typeof j === 'object' ? structuredClone(j) : j;
  };
  return { next, int, pick, junk };
}
type Gen = ReturnType<typeof generator>;

/** Every place in a JSON value that can be replaced: its parent and key. */
function slots(value: unknown, out: { parent: any; key: string | number }[] = [], depth = 0): { parent: any; key: string | number }[] {
  if (depth > 8 || !value || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    const k = Array.isArray(value) ? Number(key) : key;
    out.push({ parent: value, key: k });
    slots((value as any)[k], out, depth + 1);
  }
  return out;
}

// What the edge checks: ids, teams, the button, the form's state, the event (see CHECKED_FIELDS).
const CHECKED_KEYS = /^(id|team|team_id|user|enterprise|actions|action_id|action_ts|value|type|view|callback_id|hash|state|values|private_metadata|title|event|tab|trigger_id|response_url|selected_option|\d+)$/;

function mutateJson(g: Gen, value: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(value);
  for (let i = 0, n = 1 + g.int(3); i < n; i++) {
    const all = slots(copy);
    const checked = all.filter((s) => CHECKED_KEYS.test(String(s.key)));
    const at = g.pick(checked.length && g.next() < 0.9 ? checked : all);
    const current = at.parent[at.key];
    switch (g.int(6)) {
      case 0:
        if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 1);
        else delete at.parent[at.key];
        break;
      case 1:
        at.parent[at.key] = typeof current === 'string' ? current.slice(0, g.int(current.length + 1)) + '\u0000' + current.slice(g.int(current.length + 1)) : 'U\u0000X';
        break;
      case 2:
        if (/team|enterprise/.test(String(at.key))) at.parent[at.key] = g.pick(['TEVIL', { id: 'TEVIL' }, null]);
        else at.parent[at.key] = g.junk();
        break;
      default:
        at.parent[at.key] = g.junk();
    }
  }
  return copy;
}

// Mostly the fields that decide who is asking and where the answer goes; any field now and then.
// Most mutations break the payload (a 400 at the edge); the few that do not reach the core, which
// costs a transaction each: that keeps 10,000 inputs to a few seconds.
const CHECKED_FIELDS = ['user_id', 'team_id', 'command', 'trigger_id', 'response_url', 'channel_id'];
const REQUIRED_FIELDS = ['user_id', 'team_id', 'command'];

function mutateForm(g: Gen, fields: Record<string, string>): string {
  const params = new URLSearchParams(fields);
  const keys = Object.keys(fields);
  for (let i = 0, n = 1 + g.int(3); i < n; i++) {
    const key = g.next() < 0.8 ? g.pick(CHECKED_FIELDS) : g.pick(keys);
    switch (g.int(5)) {
      case 0:
        params.delete(g.pick(REQUIRED_FIELDS));
        break;
      case 1:
        params.append(key, g.pick(['', '\u0000', 'U 1', 'lower', 'TEVIL']));
        break;
      case 2:
        params.set(key, ABSURD.slice(0, 100 + g.int(2_000)));
        break;
      default: {
        const junk = g.pick(JUNK);
        params.set(key, typeof junk === 'string' ? junk : JSON.stringify(junk));
      }
    }
  }
  return params.toString();
}

/** An interaction as Slack sends it (a form with a JSON `payload`), or oddly framed. */
function frame(g: Gen, payload: unknown): { body: string; contentType: string } {
  const json = JSON.stringify(payload) ?? 'null';
  switch (g.int(8)) {
    case 0:
      return { body: json, contentType: JSON_TYPE };
    case 1:
      return { body: new URLSearchParams({ payload: json.slice(0, g.int(json.length)) }).toString(), contentType: FORM };
    case 2:
      return { body: `payload=${json}`, contentType: FORM }; // not URL-encoded
    default:
      return { body: new URLSearchParams({ payload: json }).toString(), contentType: FORM };
  }
}

export function buildSlackInputs(count: number, seed: number, real: RealPayloads): SlackInput[] {
  const g = generator(seed);
  const random = fc.sample(fc.anything({ maxDepth: 4, withNullPrototype: false }), { numRuns: Math.ceil(count * 0.15), seed });
  const inputs: SlackInput[] = [];
  while (inputs.length < count) {
    const roll = g.next();
    if (inputs.length % 1_000 === 999) {
      inputs.push({ kind: 'command', body: new URLSearchParams({ ...real.command, text: ABSURD }).toString(), contentType: FORM });
    } else if (roll < 0.3) {
      // Now and then a well-formed command with hostile text: it goes all the way to the core.
      const body = g.next() < 0.015 ? new URLSearchParams({ ...real.command, text: g.pick(HOSTILE_TEXT) }).toString() : mutateForm(g, real.command);
      inputs.push({ kind: 'command', body, contentType: FORM });
    } else if (roll < 0.55) {
      inputs.push({ kind: 'action', ...frame(g, mutateJson(g, real.click)) });
    } else if (roll < 0.75) {
      inputs.push({ kind: 'view', ...frame(g, mutateJson(g, real.submit)) });
    } else if (roll < 0.85) {
      inputs.push({ kind: 'event', body: JSON.stringify(mutateJson(g, real.event)), contentType: JSON_TYPE });
    } else {
      const value = random[inputs.length % random.length];
      inputs.push({ kind: 'random', ...frame(g, value) });
    }
  }
  return inputs;
}
