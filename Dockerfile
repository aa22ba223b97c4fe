# syntax=docker/dockerfile:1
# Quorum's image. The build stage runs the same two commands as test/deploy/production-tree.test.ts
# (`npm run build`, then scripts/production-tree.sh), so what the test installs and serves /healthz
# from is what this image holds. No secret is baked in: every variable comes from the environment
# at run time (docs/operations.md, "Running the container").

# ---- build: the full toolchain, thrown away afterwards -------------------------------------------
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# No install scripts: nothing the build uses needs one.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && sh scripts/production-tree.sh /prod

# ---- runtime: slim Node 20 with the production tree only (no TypeScript, no tsx) ------------------
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only to the app: the process cannot rewrite its own code.
COPY --from=build /prod /app
USER node
EXPOSE 3978
# Readiness as the load balancer sees it: 200 when the database answers, 503 while draining.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# serve drains on SIGTERM and exits within 10 s, Docker's default grace period.
STOPSIGNAL SIGTERM
CMD ["node", "bin/quorum.js", "serve"]
