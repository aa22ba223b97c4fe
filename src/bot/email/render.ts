// A core View as an email: a plain-text and an HTML body with the same facts and the same
// citation as the chat message. Buttons become one link to the answer page (a click there is the
// same core operation as a card click). Text is escaped; `*bold*` is the only markup, as in chat.
import type { Block, View } from '../core/types.js';

export interface EmailBody {
  subject: string;
  text: string;
  html: string;
}

export interface EmailExtras {
  /** The answer page for the person's invitation, when the message concerns one. */
  respondUrl?: string;
  /** The person's calendar feed (all their conferences), offered in the footer. */
  feedUrl?: string;
  /** Why they got it: one sentence (the footer). */
  why: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const stripStars = (s: string) => s.replace(/\*([^*\n]+)\*/g, '$1');
const inlineHtml = (s: string) => escapeHtml(s).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>');

export function renderEmail(view: View, extras: EmailExtras): EmailBody {
  const subject = stripStars(view.fallback).replace(/[\r\n]+/g, ' ').slice(0, 200);
  const text: string[] = [];
  const html: string[] = [];
  for (const b of view.blocks) renderBlock(b, text, html, extras);
  text.push('', '--', extras.why);
  html.push(`<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0 12px">`, `<p style="color:#505a5f;font-size:14px">${escapeHtml(extras.why)}</p>`);
  if (extras.feedUrl) {
    const line = 'All your conferences in your calendar app (a private address: do not share it; stop it from the answer page):';
    text.push(`${line} ${extras.feedUrl}`);
    html.push(`<p style="color:#505a5f;font-size:14px">${escapeHtml(line)} <a href="${escapeHtml(extras.feedUrl)}">${escapeHtml(extras.feedUrl)}</a></p>`);
  }
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`
    + `<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.4;color:#0b0c0c;max-width:640px;margin:0 auto;padding:16px">${html.join('\n')}</body></html>`;
  return { subject, text: text.join('\n'), html: body };
}

function renderBlock(b: Block, text: string[], html: string[], extras: EmailExtras): void {
  switch (b.type) {
    case 'header':
      text.push(stripStars(b.text), '='.repeat(Math.min(60, b.text.length)));
      html.push(`<h1 style="font-size:24px;margin:0 0 16px">${inlineHtml(b.text)}</h1>`);
      return;
    case 'text':
      text.push(stripStars(b.text), '');
      html.push(`<p>${inlineHtml(b.text)}</p>`);
      return;
    case 'context':
      text.push(stripStars(b.text), '');
      html.push(`<p style="color:#505a5f;font-size:14px">${inlineHtml(b.text)}</p>`);
      return;
    case 'fields':
      for (const f of b.fields) text.push(`${stripStars(f.label)}: ${stripStars(f.value)}`);
      text.push('');
      html.push(`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${b.fields.map((f) => `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${inlineHtml(f.label)}</th><td style="padding:4px 0">${inlineHtml(f.value)}</td></tr>`).join('')}</table>`);
      return;
    case 'list':
      for (const i of b.items) text.push(`- ${stripStars(i)}`);
      text.push('');
      html.push(`<ul>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>`);
      return;
    case 'divider':
      text.push('');
      html.push('<hr style="border:0;border-top:1px solid #b1b4b6">');
      return;
    case 'actions': {
      // One link for every button: the page offers each choice (answers, report) with a CSRF-checked form.
      if (!extras.respondUrl || text.includes(`Answer or update your report: ${extras.respondUrl}`)) return;
      const labels = b.actions.map((a) => a.label).join(' / ');
      text.push(`Answer or update your report: ${extras.respondUrl}`, `(${labels})`, '');
      html.push(
        `<p><a href="${escapeHtml(extras.respondUrl)}" style="display:inline-block;background:#00703c;color:#fff;padding:8px 12px;text-decoration:none;font-weight:bold">Answer or update your report</a></p>`,
        `<p style="color:#505a5f;font-size:14px">On the page: ${escapeHtml(labels)}. Or open this address: ${escapeHtml(extras.respondUrl)}</p>`,
      );
      return;
    }
  }
}
