// What reached the fake Slack, per nudge: every nudge message carries its outbox id in its buttons.
import postgres from 'postgres';
import { renderFallback } from '../../../src/bot/slack/render/blocks.js';
import type { View } from '../../../src/bot/core/types.js';
import type { FakeSlack, SlackCall } from '../../support/fake-slack.js';

export const RESENT_NOTE = 'Sent again after an interruption';

/** chat.postMessage calls that Slack accepted (a 429 or 500 is not a delivery), by nudge id. */
export function deliveriesByNudge(fake: FakeSlack, accepted: SlackCall[] = acceptedPosts(fake)): Map<number, SlackCall[]> {
  const out = new Map<number, SlackCall[]>();
  for (const call of accepted) {
    const id = nudgeIdOf(call);
    out.set(id, [...(out.get(id) ?? []), call]);
  }
  return out;
}

/** The fake answers injected faults to the first calls after `failNext`: skip that many. */
export function acceptedPosts(fake: FakeSlack, refused = 0): SlackCall[] {
  return fake.callsTo('chat.postMessage').slice(refused);
}

export function nudgeIdOf(call: SlackCall): number {
  const blocks: any[] = Array.isArray(call.args.blocks) ? call.args.blocks : [];
  for (const b of blocks) {
    for (const e of b.elements ?? []) {
      if (typeof e.value !== 'string') continue;
      const n = Number((JSON.parse(e.value) as { n?: number }).n);
      if (Number.isInteger(n)) return n;
    }
  }
  return -1;
}

/**
 * Deliveries per outbox row: by the id in the buttons, and for messages without buttons (quorum
 * notices) by recipient and text. Calls that match no row are returned as `unmatched`.
 */
export async function deliveriesPerRow(url: string, calls: SlackCall[]): Promise<{ perRow: Map<number, SlackCall[]>; unmatched: SlackCall[] }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ id: number; slack: string | null; payload: { view: View } }[]>`
    select n.id::int as id, p.slack_user_id as slack, n.payload from nudges n join people p on p.id = n.recipient_id order by n.id`;
  await sql.end();
  const ids = new Set(rows.map((r) => r.id));
  const byText = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.slack}|${renderFallback(r.payload.view)}`;
    byText.set(key, [...(byText.get(key) ?? []), r.id]);
  }
  const perRow = new Map<number, SlackCall[]>();
  const unmatched: SlackCall[] = [];
  const add = (id: number, call: SlackCall) => perRow.set(id, [...(perRow.get(id) ?? []), call]);
  for (const call of calls) {
    const n = nudgeIdOf(call);
    if (n > 0 && ids.has(n)) {
      add(n, call);
      continue;
    }
    const candidates = byText.get(`${call.args.channel}|${call.args.text}`) ?? [];
    // Same recipient and text: the first candidate not yet delivered, else the first (a duplicate).
    const id = candidates.find((c) => !perRow.has(c)) ?? candidates[0];
    if (id === undefined) unmatched.push(call);
    else add(id, call);
  }
  return { perRow, unmatched };
}

export interface OutboxRow {
  id: number;
  status: string;
  possibly_sent: boolean;
  attempts: number;
  due_at: Date;
}

export async function outboxRows(url: string): Promise<OutboxRow[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<OutboxRow[]>`select id::int as id, status, possibly_sent, attempts, due_at from nudges order by id`;
    return [...rows];
  } finally {
    await sql.end();
  }
}
