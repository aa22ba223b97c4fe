#!/usr/bin/env node
// `npm run manifest:slack [-- --out FILE]`: the Slack app manifest for this deployment, to paste
// into api.slack.com ("Create an app" → "From a manifest"). It is manifests/slack/manifest.json,
// whose usage hint the command registry writes (npm run sync:manifests; a test keeps them equal),
// with QUORUM_PUBLIC_URL's /slack/events as every endpoint and SLACK_COMMAND as the command.
// The manifest goes to stdout (or FILE); problems to stderr with exit code 2.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(root, 'manifests', 'slack', 'manifest.json');

export class ManifestInputError extends Error {}

/** The deployment's base address, checked: Slack and Teams post only to https. */
export function publicBase(env) {
  const raw = (env.QUORUM_PUBLIC_URL ?? '').trim();
  if (!raw) throw new ManifestInputError('QUORUM_PUBLIC_URL is not set: set it to the https address Slack and Teams reach Quorum at, e.g. https://quorum.council.example');
  if (!URL.canParse(raw)) throw new ManifestInputError(`QUORUM_PUBLIC_URL: expected the public address, like https://quorum.council.example, got "${raw}"`);
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new ManifestInputError(`QUORUM_PUBLIC_URL must be https (Slack and Teams post only to https), got "${raw}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function buildSlackManifest(template, env) {
  const manifest = structuredClone(template);
  const endpoint = `${publicBase(env)}/slack/events`;
  const command = (env.SLACK_COMMAND ?? '').trim() || '/cp';
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command)) throw new ManifestInputError(`SLACK_COMMAND: expected a slash command like /cp, got "${command}"`);
  Object.assign(manifest.features.slash_commands[0], { command, url: endpoint });
  manifest.settings.event_subscriptions.request_url = endpoint;
  manifest.settings.interactivity.request_url = endpoint;
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const out = args[0] === '--out' ? args[1] : undefined;
  try {
    if (args.length && !(args[0] === '--out' && out && args.length === 2)) throw new ManifestInputError('usage: npm run manifest:slack [-- --out FILE]');
    if (fs.existsSync('.env')) process.loadEnvFile('.env');
    const text = `${JSON.stringify(buildSlackManifest(JSON.parse(fs.readFileSync(TEMPLATE, 'utf8')), process.env), null, 2)}\n`;
    if (out) {
      fs.writeFileSync(out, text);
      process.stderr.write(`wrote ${out}\n`);
    } else process.stdout.write(text);
  } catch (err) {
    process.stderr.write(`manifest:slack: ${err.message}\n`);
    process.exit(err instanceof ManifestInputError ? 2 : 1);
  }
}
