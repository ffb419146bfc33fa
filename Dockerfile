# syntax=docker/dockerfile:1
# Server mode (`aiser serve`) for a team: build with `docker build -t aiser .`, run with a volume at
# /data (SQLite store) or AISER_DATABASE_URL pointing at PostgreSQL. See docs/operations.md.

# --- build: compilers for native modules, the renderer and the server bundle ---------------------
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:renderer \
 && node scripts/build-main.mjs \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: node and the built app only; no compilers, no package manager caches ----------------
FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    AISER_HOST=0.0.0.0 \
    AISER_PORT=7420 \
    AISER_DATA_DIR=/data \
    AISER_RENDERER_DIR=/app/dist/renderer \
    GLIBC_TUNABLES=glibc.malloc.trim_threshold=65536
# GLIBC_TUNABLES: a fixed trim threshold turns off glibc's self-raising thresholds, so memory freed
# after a burst of questions goes back to the system (measured: RSS 1.5-1.7x its start 30 s after a
# load without it, about 1.1-1.3x with it; see README "Memory").
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/resources ./resources
RUN mkdir -p /data && chown 10001:10001 /data && rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx
USER 10001:10001
VOLUME ["/data"]
EXPOSE 7420
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7420/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/electron/main/cli.js"]
CMD ["serve"]
