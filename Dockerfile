# One image for the API and the worker (docker-compose.yml picks the command): the TypeScript sources
# run under tsx, as in development; the one build step, the workflow bundle, is the one the tests load.
# Node 22 LTS (Node 20 reached its end of life in April 2026; MikroORM 7 declares Node >= 22). The tag
# follows the 22 line's security releases; pin a digest here if builds must be reproducible bit for bit.
FROM node:22-bookworm-slim

# npm 11 honours package.json `allowScripts` (only the listed packages run install scripts).
RUN npm install -g npm@11 --no-audit --no-fund

WORKDIR /app
ENV NODE_ENV=production
# The worker's native Temporal core and its workflow thread each get glibc malloc arenas of their own;
# two are enough and keep an idle worker ~16 MB smaller (bench: worker-memory).
ENV MALLOC_ARENA_MAX=2

COPY package.json package-lock.json ./
# The lockfile lists only the optional native builds of the machine that wrote it; on another
# architecture `npm ci` refuses it, and `npm install` resolves the same locked versions instead.
RUN (npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund) \
 && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
# The console's static files (/console/), served by the API.
COPY public ./public
# Workers load this bundle instead of running webpack at every start (they rebuild it only if stale).
RUN npm run build:workflows && chown -R node:node dist

# Upload chunks and imported files live here; compose mounts one volume shared by API and workers.
RUN mkdir -p /data && chown node:node /data
ENV DATA_DIR=/data PORT=8000

USER node
EXPOSE 8000
CMD ["npm", "run", "api"]
