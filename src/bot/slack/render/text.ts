// Text helpers for Block Kit: core text is plain with `*bold*` as its only markup, so it goes into
// mrkdwn with &, < and > escaped (Slack would otherwise read `<…>` as a link or mention).
import type { MrkdwnElement, PlainTextElement } from '@slack/types';

export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionsPerBlock: 25,
  messageBlocks: 50,
  surfaceBlocks: 100,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  privateMetadata: 3000,
  messageText: 3000,
} as const;

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts at `max` characters with an ellipsis, never inside an escape sequence like `&amp;`. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** Core `*bold*` is Slack mrkdwn bold already; only the escaping differs. */
export function mrkdwn(s: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(escapeText(s), max), verbatim: true };
}

/** plain_text shows markup literally, so `*bold*` loses its asterisks here. */
export function plain(s: string, max: number): PlainTextElement {
  const text = truncate(escapeText(stripBold(s)), max);
  return { type: 'plain_text', text: text === '' ? ' ' : text, emoji: true };
}

export function stripBold(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1');
}
