#!/usr/bin/env node
// Draws the Teams app icons: color.png (192×192, full colour) and outline.png (32×32, white on
// transparent), as the Teams manifest requires. Run: node scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './package-teams.lib.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'teams');
const TEAL = [0, 105, 120, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

/** A ring with three dots inside: people around a table, i.e. a quorum. */
function mark(size, x, y) {
  const c = (size - 1) / 2;
  const d = Math.hypot(x - c, y - c) / size;
  if (d > 0.36 && d < 0.45) return true;
  for (let i = 0; i < 3; i++) {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
    const dx = c + Math.cos(a) * size * 0.18;
    const dy = c + Math.sin(a) * size * 0.18;
    if (Math.hypot(x - dx, y - dy) / size < 0.09) return true;
  }
  return false;
}

fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'color.png'), encodePng(192, 192, (x, y) => (mark(192, x, y) ? WHITE : TEAL)));
fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(32, 32, (x, y) => (mark(32, x, y) ? WHITE : CLEAR)));
console.log(`wrote ${path.join(dir, 'color.png')} and outline.png`);
