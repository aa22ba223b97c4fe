// Getting a core reply in front of the user after the ack: ephemerally through the response_url,
// replacing the clicked message, opening a modal, or as a DM. Never throws: a failed delivery is
// logged by code and, where there is still a way, the user is told.
import type { Logger } from 'pino';
import type { CoreReply, Form, View } from '../core/types.js';
import type { SlackDeps } from './context.js';
import { renderBlocks, renderFallback } from './render/blocks.js';
import { renderModal } from './render/modal.js';
import { SLACK_CALL_TIMEOUT_MS } from './client.js';

/** Where a reply can go for this request. */
export interface ReplyTarget {
  userId: string;
  responseUrl?: string;
  triggerId?: string;
  /** A bot message in a channel or DM (not ephemeral): chat.update can replace it. */
  message?: { channel: string; ts: string };
}

export const FORM_TOO_SLOW: View = {
  fallback: 'That took too long to open. Please try again.',
  blocks: [{ type: 'text', text: 'That took too long to open. Please try again: nothing was recorded.' }],
};

export async function deliverReply(deps: SlackDeps, log: Logger, target: ReplyTarget, reply: CoreReply): Promise<void> {
  if (reply.form) {
    if (await openForm(deps, log, target, reply.form)) return;
    await postEphemeral(deps, log, target, FORM_TOO_SLOW);
    return;
  }
  const view = reply.view ?? { fallback: reply.error?.message ?? 'Done.', blocks: [{ type: 'text', text: reply.error?.message ?? 'Done.' }] };
  if (reply.replace && !reply.error && (await replaceMessage(deps, log, target, view))) return;
  await postEphemeral(deps, log, target, view);
}

export async function openForm(deps: SlackDeps, log: Logger, target: ReplyTarget, form: Form): Promise<boolean> {
  if (!target.triggerId) return false;
  try {
    await deps.client.views.open({ trigger_id: target.triggerId, view: renderModal(form) });
    return true;
  } catch (err) {
    log.warn({ code: errorCode(err), formId: form.id }, 'slack views.open failed');
    return false;
  }
}

async function replaceMessage(deps: SlackDeps, log: Logger, target: ReplyTarget, view: View): Promise<boolean> {
  if (target.message) {
    try {
      await deps.client.chat.update({ channel: target.message.channel, ts: target.message.ts, text: renderFallback(view), blocks: renderBlocks(view) });
      return true;
    } catch (err) {
      log.warn({ code: errorCode(err) }, 'slack chat.update failed');
    }
  }
  if (target.responseUrl) return postResponseUrl(target.responseUrl, { replace_original: true, text: renderFallback(view), blocks: renderBlocks(view) }, log);
  return false;
}

/** Shown to the asker only; without a response_url (App Home) it becomes a DM. */
export async function postEphemeral(deps: SlackDeps, log: Logger, target: ReplyTarget, view: View): Promise<void> {
  if (target.responseUrl && (await postResponseUrl(target.responseUrl, { response_type: 'ephemeral', replace_original: false, text: renderFallback(view), blocks: renderBlocks(view) }, log))) return;
  await postDirect(deps, log, target.userId, view);
}

export async function postDirect(deps: SlackDeps, log: Logger, userId: string, view: View): Promise<void> {
  try {
    await deps.client.chat.postMessage({ channel: userId, text: renderFallback(view), blocks: renderBlocks(view), unfurl_links: false, unfurl_media: false });
  } catch (err) {
    log.warn({ code: errorCode(err) }, 'slack chat.postMessage failed');
  }
}

export async function postResponseUrl(url: string, body: Record<string, unknown>, log: Logger): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), signal: AbortSignal.timeout(SLACK_CALL_TIMEOUT_MS) });
    await res.arrayBuffer();
    if (res.ok) return true;
    log.warn({ code: `SLACK_RESPONSE_URL_${res.status}` }, 'slack response_url refused');
  } catch (err) {
    log.warn({ code: errorCode(err) }, 'slack response_url failed');
  }
  return false;
}

export function errorCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; name?: string };
  return String(e?.data?.error ?? e?.code ?? e?.name ?? 'UNKNOWN').slice(0, 60);
}
