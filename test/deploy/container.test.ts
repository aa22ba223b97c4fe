// The Dockerfile and compose.yaml cannot be built here (no image registry), so they are checked
// for what matters: the image is made by the same script the production-tree test runs, it runs
// the same commands as that test, as a non-root user, with a health check and no baked-in secret.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const compose = fs.readFileSync('compose.yaml', 'utf8');
const treeTest = fs.readFileSync('test/deploy/production-tree.test.ts', 'utf8');
const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
const runtime = instructions.slice(instructions.findLastIndex((l) => l.startsWith('FROM ')));

describe('Dockerfile', () => {
  it('builds the production tree with the script and build the production-tree test uses', () => {
    expect(instructions).toContain('RUN npm run build && sh scripts/production-tree.sh /prod');
    expect(treeTest).toContain("['scripts/production-tree.sh', tree]");
    expect(treeTest).toContain("'scripts/build-if-stale.mjs'");
  });

  it('runs a slim Node 20 image with the production tree only, as a non-root user, with a health check on /healthz', () => {
    expect(runtime[0]).toBe('FROM node:20-slim');
    expect(runtime.filter((l) => l.startsWith('COPY'))).toEqual(['COPY --from=build /prod /app']);
    expect(runtime).toContain('USER node');
    expect(runtime).toContain('EXPOSE 3978');
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK'))).toBeDefined();
    expect(dockerfile).toMatch(/CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| 3978\) \+ '\/healthz'\)/);
    expect(runtime.at(-1)).toBe('CMD ["node", "bin/quorum.js", "serve"]');
  });

  it('bakes in no secret, and keeps .env and local trees out of the build context', () => {
    expect(instructions.filter((l) => /^(ENV|ARG)\b/.test(l) && /SECRET|PASSWORD|TOKEN|DATABASE_URL/.test(l))).toEqual([]);
    const ignored = fs.readFileSync('.dockerignore', 'utf8').split('\n');
    for (const p of ['.env', 'node_modules', 'dist', '.quorum', '.git']) expect(ignored).toContain(p);
  });
});

describe('compose.yaml', () => {
  it('migrates as the owner, then serves as the runtime role, with the commands the production-tree test runs', () => {
    expect(compose).toContain('command: ["node", "bin/quorum.js", "migrate"]');
    expect(compose).toContain('command: ["node", "bin/quorum.js", "serve"]');
    expect(treeTest).toContain("['bin/quorum.js', 'migrate']");
    expect(treeTest).toContain("['bin/quorum.js', 'serve']");
    expect(compose).toContain('QUORUM_DB_RUNTIME_ROLE: quorum_app');
    expect(compose).toMatch(/condition: service_completed_successfully/);
    // The owner's credentials are migrate's alone, never in serve's environment.
    expect(compose.slice(compose.indexOf('  quorum:'))).not.toMatch(/^\s+DATABASE_OWNER_URL:/m);
  });

  it('keeps Postgres on a named volume and takes every secret from the environment', () => {
    expect(compose).toMatch(/- quorum-db:\/var\/lib\/postgresql\/data/);
    expect(compose).toMatch(/\nvolumes:\n {2}quorum-db:/);
    for (const line of compose.split('\n').filter((l) => /^\s+[A-Z_]*(PASSWORD|SECRET|TOKEN)[A-Z_]*:/.test(l))) expect(line).toMatch(/: \$\{[A-Z_]+(:[?-][^}]*)?\}$/);
  });
});
