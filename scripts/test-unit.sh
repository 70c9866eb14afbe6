#!/usr/bin/env bash
# Unit, integration and server tests (npm run test:unit). Arguments go to vitest (file filters, -t).
#
# With KEFU_NODE24 naming a Node 24 binary (.ci/run fetches one from the npm registry) and a
# TEST_DATABASE_URL, the server tests on PostgreSQL run under Node 24 while the domain, web and
# embedded-database tests run under this Node: every server test then runs on both runtimes, each
# once, in the time of one run. Without them everything runs under this Node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -n "${KEFU_NODE24:-}" ] && [ -n "${TEST_DATABASE_URL:-}" ]; then
  # Both halves run even when the first fails, so one run shows every failure.
  status=0
  echo "[test:unit] domain, web and embedded-database tests on Node $(node --version)"
  npx vitest run --project domain --project web --project server "$@" || status=$?
  echo "[test:unit] server tests on PostgreSQL on Node $("$KEFU_NODE24" --version)"
  PATH="$(dirname "$KEFU_NODE24"):$PATH" "$KEFU_NODE24" node_modules/vitest/vitest.mjs run --project server-pg "$@" \
    || status=$?
  exit "$status"
else
  npx vitest run "$@"
fi
