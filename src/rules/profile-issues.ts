// A profile's problems, worded for whoever edits the JSON: the file, where in it (with the rule's id,
// since "rules[17]" is hard to find by eye), and what would have been accepted.
import { z } from 'zod';
import { MILESTONE_KEYS } from './milestone-keys.js';

type Path = (string | number)[];

export function describeProfileIssues(error: z.ZodError, file: string, json: unknown, schema: z.ZodTypeAny): string[] {
  return error.issues.map((issue) => `${file}: ${formatPath(issue.path, json)}: ${describe(issue, schema)}`);
}

function formatPath(path: Path, json: unknown): string {
  let out = '';
  let node = json;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined;
    const id = typeof part === 'number' && node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') out += ` (${id})`;
  }
  return out || '(top level)';
}

function describe(issue: z.ZodIssue, schema: z.ZodTypeAny): string {
  switch (issue.code) {
    case 'invalid_enum_value':
      if (issue.path[0] === 'rules' && issue.path[issue.path.length - 1] === 'key') return unknownKey(String(issue.received));
      return `expected one of ${issue.options.join(', ')} (got ${JSON.stringify(issue.received)})`;
    case 'unrecognized_keys': {
      const allowed = fieldsOf(schemaAt(schema, issue.path));
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${allowed ? ` (allowed: ${allowed})` : ''}`;
    }
    case 'invalid_type': {
      if (issue.received !== 'undefined') return issue.message;
      const fields = fieldsOf(schemaAt(schema, issue.path));
      return fields ? `required (an object with ${fields})` : 'required';
    }
    default:
      return issue.message;
  }
}

function unknownKey(key: string): string {
  const nearest = [...MILESTONE_KEYS]
    .map((k) => ({ k, d: distance(key, k) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
  return `unknown milestone key ${JSON.stringify(key)} (nearest: ${nearest.join(', ')}; every allowed key is in MILESTONE_KEYS, src/rules/milestone-keys.ts)`;
}

// Edit distance counting a swap of two neighbours as one edit, the commonest typo ("reprots").
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

function unwrap(s: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else return s;
  }
}

function schemaAt(schema: z.ZodTypeAny, path: Path): z.ZodTypeAny | undefined {
  let s: z.ZodTypeAny | undefined = unwrap(schema);
  for (const part of path) {
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodTypeAny>)[String(part)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodTypeAny;
    else if (s instanceof z.ZodRecord) s = s.valueSchema as z.ZodTypeAny;
    else return undefined;
    if (!s) return undefined;
    s = unwrap(s);
  }
  return s;
}

/** `file, section, standard?`: an object's fields, optional ones marked. */
function fieldsOf(s: z.ZodTypeAny | undefined): string | null {
  if (!(s instanceof z.ZodObject)) return null;
  const shape = s.shape as Record<string, z.ZodTypeAny>;
  return Object.entries(shape)
    .map(([k, v]) => (v.isOptional() ? `${k}?` : k))
    .join(', ');
}
