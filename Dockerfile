# Kokeileva as a container image: a build stage with the whole toolchain, and a runtime stage
# with only what the server runs (node, the production packages, dist/).
#
#   docker build -t kokeileva .
#   docker run -d -p 3000:3000 -v kokeileva-data:/data kokeileva
#
# The base image is a build argument so that a site with its own registry can use its mirror.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary when it can; without internet access it compiles,
# against the headers the node image ships (no download of those either).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund
# The SQLite binding needs only its compiled module at run time: not its C sources, nor the
# objects a compile leaves (about 25 MB).
RUN cd node_modules/better-sqlite3 \
 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps build/Release/test_extension.node

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root, read-only to the server: it writes only to DATA_DIR.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
# The SQLite database and the generated secrets (with PostgreSQL: only the secrets, if not set).
VOLUME ["/data"]
USER node
EXPOSE 3000
# Ready: the database answers and writes are not failing (GET /readyz).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and gets the runtime's SIGTERM: it closes the sockets (1001), writes what
# it holds and exits. No npm or shell in between to swallow the signal.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
