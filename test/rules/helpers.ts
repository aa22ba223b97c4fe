// Small builders for case facts in tests: made-up initials and professionals only.
import { readFileSync } from 'node:fs';
import { caseFactsSchema, type CaseFacts } from '../../src/rules/index.js';

// Loosely typed on purpose: zod validates it, as it would a file.
export function facts(input: Record<string, unknown> = {}): CaseFacts {
  return caseFactsSchema.parse({ ref: 'CP-T1', profile: 'swindon', children: [{ ref: 'C1', initials: 'A.B.' }], ...input });
}

export const EXAMPLE_PATH = new URL('../../docs/examples/case-facts.json', import.meta.url);

export function example(): CaseFacts {
  return caseFactsSchema.parse(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
}

export const invitee = (name: string, agency: string, sector: string, response: string, extra: Record<string, unknown> = {}) => ({
  name,
  agency,
  sector,
  response,
  ...extra,
});
