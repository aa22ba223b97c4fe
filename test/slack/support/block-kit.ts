// A run-time check of the Block Kit Quorum sends, for the limits the compile-time types from
// @slack/types cannot express: lengths, counts, uniqueness, plain_text where Slack requires it,
// and escaping. Returns every problem with its path; an empty list means Slack would accept it.
type Json = Record<string, any>;

export function checkMessage(blocks: unknown, text?: unknown): string[] {
  const problems: string[] = [];
  if (text !== undefined && (typeof text !== 'string' || text.length === 0)) problems.push('text: required as the notification fallback');
  if (typeof text === 'string') checkEscaped(text, 'text', problems);
  checkBlocks(blocks, 50, 'blocks', problems);
  return problems;
}

export function checkSurface(view: unknown): string[] {
  const problems: string[] = [];
  const v = view as Json;
  if (v?.type !== 'modal' && v?.type !== 'home') problems.push(`view.type: ${String(v?.type)}`);
  if (v?.type === 'modal') {
    plainText(v.title, 24, 'view.title', problems, true);
    plainText(v.close, 24, 'view.close', problems, false);
    plainText(v.submit, 24, 'view.submit', problems, false);
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b: Json) => b?.type === 'input');
    if (hasInput && !v.submit) problems.push('view.submit: required when the modal has inputs');
    if (v.private_metadata !== undefined && String(v.private_metadata).length > 3000) problems.push('view.private_metadata: over 3000 characters');
    if (v.callback_id !== undefined && String(v.callback_id).length > 255) problems.push('view.callback_id: over 255 characters');
  }
  checkBlocks(v?.blocks, 100, 'view.blocks', problems);
  return problems;
}

function checkBlocks(blocks: unknown, max: number, path: string, problems: string[]): void {
  if (!Array.isArray(blocks) || blocks.length === 0) {
    problems.push(`${path}: expected a non-empty array`);
    return;
  }
  if (blocks.length > max) problems.push(`${path}: ${blocks.length} blocks, at most ${max}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((b: Json, i) => {
    const at = `${path}[${i}]`;
    if (b.block_id !== undefined) {
      if (String(b.block_id).length > 255) problems.push(`${at}.block_id: over 255 characters`);
      if (blockIds.has(b.block_id)) problems.push(`${at}.block_id: duplicate ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    // Buttons: unique in the whole surface (Slack asks per block; App Home repeats buttons per case).
    const actionId = (id: unknown, p: string) => {
      if (typeof id !== 'string' || id.length === 0 || id.length > 255) problems.push(`${p}.action_id: missing or over 255`);
      else if (actionIds.has(id)) problems.push(`${p}.action_id: duplicate ${id}`);
      else actionIds.add(id);
    };
    switch (b.type) {
      case 'header':
        plainText(b.text, 150, `${at}.text`, problems, true);
        break;
      case 'section':
        if (!b.text && !b.fields) problems.push(`${at}: a section needs text or fields`);
        if (b.text) textObject(b.text, 3000, `${at}.text`, problems);
        if (b.fields) {
          if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10) problems.push(`${at}.fields: 1 to 10 fields`);
          (b.fields ?? []).forEach((f: unknown, j: number) => textObject(f, 2000, `${at}.fields[${j}]`, problems));
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) problems.push(`${at}.elements: 1 to 10 elements`);
        (b.elements ?? []).forEach((e: unknown, j: number) => textObject(e, 3000, `${at}.elements[${j}]`, problems));
        break;
      case 'divider':
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) problems.push(`${at}.elements: 1 to 25 elements`);
        (b.elements ?? []).forEach((e: Json, j: number) => {
          const p = `${at}.elements[${j}]`;
          if (e.type !== 'button') problems.push(`${p}: unexpected ${e.type}`);
          plainText(e.text, 75, `${p}.text`, problems, true);
          if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) problems.push(`${p}.value: over 2000 characters`);
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') problems.push(`${p}.style: ${e.style}`);
          actionId(e.action_id, p);
        });
        break;
      case 'input':
        plainText(b.label, 2000, `${at}.label`, problems, true);
        checkInputElement(b.element, `${at}.element`, problems);
        // An input's action_id need only be unique in its own block.
        if (typeof b.element?.action_id !== 'string' || b.element.action_id.length > 255) problems.push(`${at}.element.action_id: missing or over 255`);
        break;
      default:
        problems.push(`${at}: unexpected block type ${String(b.type)}`);
    }
  });
}

function checkInputElement(e: Json, at: string, problems: string[]): void {
  const options = (max: number) => {
    if (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > max) problems.push(`${at}.options: 1 to ${max} options`);
    (e.options ?? []).forEach((o: Json, i: number) => {
      plainText(o.text, 75, `${at}.options[${i}].text`, problems, true);
      if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150) problems.push(`${at}.options[${i}].value: 1 to 150 characters`);
    });
  };
  switch (e?.type) {
    case 'plain_text_input':
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000)) problems.push(`${at}.max_length: 1 to 3000`);
      if (e.min_length !== undefined && (e.min_length < 0 || e.min_length > 3000 || (e.max_length !== undefined && e.min_length > e.max_length))) problems.push(`${at}.min_length: 0 to 3000 and not above max_length`);
      if (e.placeholder) plainText(e.placeholder, 150, `${at}.placeholder`, problems, true);
      break;
    case 'radio_buttons':
      options(10);
      break;
    case 'checkboxes':
      options(10);
      break;
    case 'static_select':
    case 'multi_static_select':
      options(100);
      break;
    case 'datepicker':
      break;
    default:
      problems.push(`${at}: unexpected element ${String(e?.type)}`);
  }
}

function plainText(t: Json | undefined, max: number, at: string, problems: string[], required: boolean): void {
  if (t === undefined) {
    if (required) problems.push(`${at}: required`);
    return;
  }
  if (t?.type !== 'plain_text') problems.push(`${at}: must be plain_text`);
  checkLength(t?.text, max, at, problems);
}

function textObject(t: Json | unknown, max: number, at: string, problems: string[]): void {
  const o = t as Json;
  if (o?.type !== 'plain_text' && o?.type !== 'mrkdwn') problems.push(`${at}: not a text object`);
  checkLength(o?.text, max, at, problems);
}

function checkLength(text: unknown, max: number, at: string, problems: string[]): void {
  if (typeof text !== 'string' || text.length === 0) problems.push(`${at}.text: must be a non-empty string`);
  else {
    if (text.length > max) problems.push(`${at}.text: ${text.length} characters, at most ${max}`);
    checkEscaped(text, `${at}.text`, problems);
  }
}

/** Quorum escapes every &, < and >: a raw one would be a link, a mention or a broken entity. */
function checkEscaped(text: string, at: string, problems: string[]): void {
  if (/[<>]/.test(text) || /&(?!amp;|lt;|gt;)/.test(text)) problems.push(`${at}: unescaped &, < or >`);
}
