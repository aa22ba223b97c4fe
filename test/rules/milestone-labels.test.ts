// The keys and their wording: every key a profile uses is known, labelled once, and never shown raw.
import { describe, expect, it } from 'vitest';
import { computeRule } from '../../src/rules/deadline.js';
import {
  ANCHORS,
  INFORMATIONAL_KEYS,
  MILESTONE_KEYS,
  MILESTONE_LABEL,
  PRE_CONFERENCE_KEYS,
  TRACKED_KEYS,
  evaluate,
  explain,
  isTrackedKey,
  listProfiles,
  loadProfile,
  milestoneLabel,
  ruleLabel,
  type AnchorValue,
} from '../../src/rules/index.js';
import { milestoneLabel as coreMilestoneLabel, MILESTONE_LABEL as CORE_MILESTONE_LABEL } from '../../src/bot/core/views/deadlines.js';
import { example } from './helpers.js';

const profiles = listProfiles().map((name) => loadProfile(name));
const ownRules = profiles.flatMap((p) => p.rules.filter((r) => !r.fallback).map((rule) => ({ profile: p, rule })));

// Shown to people, so a key spelt as code (with an underscore, or "icpc" in lower case) must not leak.
const RAW = new RegExp(`\\b(${MILESTONE_KEYS.filter((k) => k.includes('_') || k === 'icpc').join('|')})\\b`);

describe('milestone keys', () => {
  it('are each tracked or informational, never both, and listed once', () => {
    expect(new Set(MILESTONE_KEYS).size).toBe(MILESTONE_KEYS.length);
    expect(TRACKED_KEYS.filter((k) => (INFORMATIONAL_KEYS as readonly string[]).includes(k))).toEqual([]);
    expect(PRE_CONFERENCE_KEYS.every(isTrackedKey)).toBe(true);
  });

  it('are every one used by a shipped profile, so the list does not keep dead keys', () => {
    const used = new Set(ownRules.map(({ rule }) => rule.key));
    expect(MILESTONE_KEYS.filter((k) => !used.has(k))).toEqual([]);
  });

  it('mark a rule informational exactly when its key is informational', () => {
    for (const { rule } of ownRules) expect(rule.informational, rule.id).toBe(!isTrackedKey(rule.key));
  });

  it('are the only keys evaluate() returns, and only tracked ones', () => {
    for (const p of profiles) {
      for (const m of evaluate(example(), p, new Date('2026-03-05T09:00:00Z'))) expect(isTrackedKey(m.key), `${p.name} ${m.key}`).toBe(true);
    }
  });
});

describe('milestone labels', () => {
  it('label every key used in every profile, in words', () => {
    for (const { rule } of ownRules) {
      const label = MILESTONE_LABEL[rule.key];
      expect(label, rule.id).toMatch(/^[A-Z0-9]/);
      expect(label, rule.id).not.toMatch(RAW);
    }
    for (const key of MILESTONE_KEYS) expect(milestoneLabel(key)).toBe(MILESTONE_LABEL[key]);
  });

  it('are the table the core shows', () => {
    expect(CORE_MILESTONE_LABEL).toBe(MILESTONE_LABEL);
    expect(coreMilestoneLabel('reports_to_attendees')).toBe('Reports sent to all attendees');
  });

  it('name the occasion a rule is for, the same in every partnership', () => {
    const label = (id: string) => ruleLabel(ownRules.find(({ rule }) => rule.id === id)!.rule);
    expect(['national', 'devon', 'dudley', 'gloucestershire', 'swindon'].map((p) => label(`${p}.first_review`))).toEqual(Array(5).fill('First review conference'));
    expect(label('swindon.later_review')).toBe('Review conference');
    expect(label('swindon.prebirth_review')).toBe('Review conference after a pre-birth plan');
    expect(label('devon.icpc_transfer_in')).toBe('Transfer-in conference');
    expect(label('swindon.icpc_prebirth')).toBe('Pre-birth conference');
  });

  it("keep a partnership's own name for a duty where its standard asks for something else", () => {
    const label = (id: string) => ruleLabel(ownRules.find(({ rule }) => rule.id === id)!.rule);
    expect(label('swindon.decision_sent')).toBe("Chair's letter and outline plan sent");
    expect(label('dudley.decision_sent')).toBe('Decisions, category and core group circulated');
    expect(label('devon.single_assessment')).toBe('Single assessment (S47)');
    expect(label('dudley.minutes')).toBe('Minutes sent');
  });

  it('never show a raw key in the text of any rule of any profile', () => {
    const anchors = Object.fromEntries(ANCHORS.map((a): [string, AnchorValue] => [a, { at: new Date('2026-01-14T10:00:00Z'), label: `the ${a.replace(/_/g, ' ')}` }]));
    for (const { profile, rule } of ownRules) {
      const deadline = computeRule(rule, anchors, profile.closureDays)!;
      const text = explain(rule, deadline, profile);
      // A "not before" limit (Dudley's pre-birth conference) says so instead of "due by".
      const by = rule.direction === 'after' ? 'not before' : 'due by';
      expect(text, rule.id).toMatch(new RegExp(`^${ruleLabel(rule).replace(/[()]/g, '\\$&')} ${by} `));
      expect(text, rule.id).not.toMatch(RAW);
    }
    for (const p of profiles) {
      for (const m of evaluate(example(), p, new Date('2026-03-05T09:00:00Z'))) expect(m.explanation, `${p.name} ${m.key}`).not.toMatch(RAW);
    }
  });
});
