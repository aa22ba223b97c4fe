// The core's View → Block Kit. Pure: the same View always gives the same blocks. Every limit
// Slack enforces is applied here, so a long list is split or cut rather than rejected by Slack.
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Action, Block, View } from '../../core/types.js';
import { escapeText, LIMITS, mrkdwn, plain, truncate } from './text.js';

/** Button action ids start with this: one listener handles every core button. */
export const ACTION_PREFIX = 'quorum:';

export interface RenderOptions {
  /** 50 for messages, 100 for modals and App Home. */
  maxBlocks?: number;
}

export function renderBlocks(view: View, opts: RenderOptions = {}): KnownBlock[] {
  const max = opts.maxBlocks ?? LIMITS.messageBlocks;
  const out: KnownBlock[] = [];
  view.blocks.forEach((block, i) => out.push(...renderBlock(block, i)));
  if (out.length <= max) return out;
  const kept = out.slice(0, max - 1);
  kept.push(contextBlock('More than fits here: ask me with a narrower command.'));
  return kept;
}

/** The message's top-level `text`: notifications and screen readers use it. */
export function renderFallback(view: View): string {
  return truncate(escapeText(view.fallback || 'Quorum'), LIMITS.messageText);
}

function renderBlock(block: Block, index: number): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, LIMITS.headerText) } satisfies HeaderBlock];
    case 'text':
      return splitText(block.text).map(sectionBlock);
    case 'fields':
      return chunk(block.fields, LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((f) => mrkdwn(`*${f.label}*\n${f.value}`, LIMITS.fieldText)),
      }));
    case 'list':
      return splitText(block.items.map((item) => `• ${item}`).join('\n')).map(sectionBlock);
    case 'context':
      return block.text.trim() ? [contextBlock(block.text)] : [];
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return chunk(block.actions, LIMITS.actionsPerBlock).map((actions, part) => actionsBlock(actions, `${index}_${part}`));
  }
}

function sectionBlock(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function contextBlock(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text, LIMITS.contextText)] };
}

function actionsBlock(actions: Action[], key: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: `quorum_actions_${key}`,
    elements: actions.map((a, i) => renderButton(a, `${key}_${i}`)),
  };
}

/** action_id is unique in the whole surface (App Home repeats the same buttons per case). */
export function renderButton(action: Action, key: string): Button {
  const button: Button = {
    type: 'button',
    action_id: `${ACTION_PREFIX}${action.payload.a}:${key}`,
    text: plain(action.label, LIMITS.buttonText),
    value: JSON.stringify(action.payload),
  };
  if (action.style) button.style = action.style;
  return button;
}

/** Keeps each section under Slack's 3000 characters after escaping, splitting at line ends. */
function splitText(text: string): string[] {
  const limit = LIMITS.sectionText;
  if (!text.trim()) return [];
  if (escapeText(text).length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (escapeText(candidate).length <= limit) current = candidate;
    else {
      if (current) parts.push(current);
      current = line; // a single over-long line is cut by mrkdwn()
    }
  }
  if (current) parts.push(current);
  return parts;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
