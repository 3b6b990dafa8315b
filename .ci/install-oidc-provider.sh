#!/usr/bin/env bash
# Installs the OpenID provider the single sign-on browser test starts (tests/Platform.E2E.Tests/oidc).
# Idempotent: does nothing when node_modules already holds the pinned package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir="tests/Platform.E2E.Tests/oidc"
if [[ -f "$dir/node_modules/oidc-provider/package.json" ]]; then exit 0; fi
command -v npm >/dev/null 2>&1 || { echo "install-oidc-provider.sh: npm is missing (apt-get install -y nodejs npm)"; exit 1; }
npm install --no-audit --no-fund --prefix "$dir" >/dev/null
