// Server-rendered pages with GOV.UK Frontend (styles only: every page works without JavaScript)
// through Nunjucks, and the few static files those styles need. Autoescape is on: only text we
// escaped ourselves (renderInline) is marked safe.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Route } from '../../server.js';

const require = createRequire(import.meta.url);
// …/govuk-frontend/dist/govuk/all.bundle.js → …/govuk-frontend/dist
const GOVUK_DIST = path.resolve(path.dirname(require.resolve('govuk-frontend')), '..');
const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([TEMPLATES, GOVUK_DIST], { noCache: false }), { autoescape: true, throwOnUndefined: false });

// A page of ours never runs a script and is never framed; the token in its address is never sent on.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
  'content-security-policy': "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function sendPage(res: ServerResponse, status: number, template: string, context: Record<string, unknown>, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) return;
  const html = env.render(template, context);
  res.writeHead(status, { ...PAGE_HEADERS, ...headers, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** A page that says what went wrong and what to do, and nothing about any case. */
export function sendProblem(res: ServerResponse, status: number, title: string, paragraphs: string[]): void {
  sendPage(res, status, 'problem.njk', { title, paragraphs });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Core text (`*bold*` the only markup) as safe HTML. */
export function renderInline(s: string): string {
  return escapeHtml(s).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>');
}

const ASSET = /^(fonts|images)\/[A-Za-z0-9._-]{1,100}$/;
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** GET /assets/…: the GOV.UK Frontend stylesheet, fonts and images; nothing else on disk is reachable. */
export function assetRoute(): Route {
  return {
    method: 'GET',
    path: '/assets/',
    prefix: true,
    handler: (req, res) => {
      const name = req.path.slice('/assets/'.length);
      const file = name === 'govuk-frontend.min.css' ? path.join(GOVUK_DIST, 'govuk', name) : ASSET.test(name) ? path.join(GOVUK_DIST, 'govuk', 'assets', name) : null;
      const type = file ? TYPES[path.extname(file)] : undefined;
      if (!file || !type || !fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
      res.end(body);
    },
  };
}
