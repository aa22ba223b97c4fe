// Signed Slack requests to a running Quorum, as Slack sends them (HMAC-SHA256 over v0:timestamp:body).
import { createHmac, randomBytes } from 'node:crypto';
import { SIGNING_SECRET } from './processes.js';

// The fake Web API's auth.test answers T0TEST: only that workspace is connected.
const TEAM = 'T0TEST';

async function post(base: string, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

export function sendCommand(base: string, user: string, text: string, responseUrl: string): Promise<number> {
  return post(
    base,
    new URLSearchParams({ team_id: TEAM, user_id: user, command: '/cp', text, channel_id: `D${user.slice(1)}`, response_url: responseUrl, trigger_id: `trig.${randomBytes(6).toString('hex')}` }).toString(),
  );
}

export function clickButton(base: string, user: string, button: { action_id: string; value: string; text?: unknown }, responseUrl: string): Promise<number> {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'fault' },
    user: { id: user, username: 'fault', team_id: TEAM },
    api_app_id: 'A0FAULT',
    trigger_id: `trig.${randomBytes(6).toString('hex')}`,
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: `D${user.slice(1)}`, is_ephemeral: true },
    channel: { id: `D${user.slice(1)}` },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'quorum_actions_x', value: button.value, text: button.text, action_ts: `${Date.now() / 1000}` }],
  };
  return post(base, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** The first button in a reply's blocks whose action is `action`. */
export function findButton(blocks: any[], action: string): { action_id: string; value: string; text?: unknown } | undefined {
  for (const b of blocks ?? []) for (const e of b.elements ?? []) if (typeof e.value === 'string' && JSON.parse(e.value).a === action) return e;
  return undefined;
}
