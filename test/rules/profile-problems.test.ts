// validateAllProfiles() over a registry with broken profiles in it: every problem of every file at
// once, and `quorum timeline` refusing to start on them.
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_PATH } from './helpers.js';

// Hoisted with vi.mock, which runs before this file's other top-level code.
const { icpc } = vi.hoisted(() => ({
  icpc: { id: 'testshire.icpc', key: 'icpc', owner: 'chair', anchor: 'strategy_discussion', amount: 15, unit: 'working_days', direction: 'within', citation: { file: 'working_together_2023', section: 'S' } },
}));

vi.mock('../../src/rules/profile-data.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rules/profile-data.js')>();
  return {
    ...real,
    PROFILE_JSON: {
      ...real.PROFILE_JSON,
      testshire: { name: 'testshire', displayName: 'Testshire', rules: [{ ...icpc, key: 'reprots_icpc' }, { ...icpc, id: 'testshire.qa', key: 'arrive_before' }] },
      otherton: { name: 'otherton', displayName: 'Otherton', rules: [{ ...icpc, id: 'otherton.icpc', when: { transfer: true } }] },
      lonely: { name: 'lonely', displayName: 'Lonely', fallback: 'atlantis', rules: [{ ...icpc, id: 'lonely.icpc' }] },
    },
  };
});

const { findProfileProblems, loadProfile, validateAllProfiles, ProfileValidationError } = await import('../../src/rules/profiles.js');
const { runTimeline } = await import('../../src/cli/timeline.js');

const EXPECTED = [
  'src/rules/profiles/lonely.json: fallback: unknown profile "atlantis" (known: devon, dudley, gloucestershire, lonely, national, otherton, swindon, testshire)',
  'src/rules/profiles/otherton.json: rules[0] (otherton.icpc).when: unknown field transfer (allowed: conference?, prebirth?, transferIn?)',
  'src/rules/profiles/testshire.json: rules[0] (testshire.icpc).key: unknown milestone key "reprots_icpc" (nearest: reports, icpc, medical; every allowed key is in MILESTONE_KEYS, src/rules/milestone-keys.ts)',
  'src/rules/profiles/testshire.json: rules[1] (testshire.qa).informational: "arrive_before" is an informational key (no case-facts event records it), so its rule must say "informational": true',
];

describe('validateAllProfiles with broken profiles', () => {
  it('lists every problem of every file, each naming its file', () => {
    expect(findProfileProblems()).toEqual(EXPECTED);
    expect(() => validateAllProfiles()).toThrow(ProfileValidationError);
    try {
      validateAllProfiles();
    } catch (err) {
      expect((err as InstanceType<typeof ProfileValidationError>).problems).toEqual(EXPECTED);
    }
  });

  it('still loads the good profiles', () => {
    expect(loadProfile('swindon').name).toBe('swindon');
  });

  it('stops `quorum timeline` before it reads the case: exit 2, one line per problem, nothing on stdout', async () => {
    let out = '';
    let err = '';
    const code = await runTimeline({ file: fileURLToPath(EXAMPLE_PATH), json: true }, { stdin: Readable.from(['']), stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(EXPECTED.map((p) => `quorum timeline: ${p}\n`).join(''));
  });
});
