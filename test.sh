#!/usr/bin/env bash
# Runs every test of the repository on a fresh Debian machine: installs Chromium if missing, starts a throwaway
# PostgreSQL and s3rver (.ci/start-services.sh), builds, runs each test project, and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$(pwd)"
logs="$repo/.tmp/test-logs"
mkdir -p "$logs"

if ! command -v chromium >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then
        echo "test.sh: installing Chromium for the browser tests"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || { echo "test.sh: could not install chromium"; exit 1; }
    else
        echo "test.sh: chromium is missing; run: sudo apt-get install -y chromium"; exit 1
    fi
fi

bash .ci/install-oidc-provider.sh || { echo "test.sh: could not install the test OpenID provider"; exit 1; }

# shellcheck source=.ci/start-services.sh
source .ci/start-services.sh || { echo "test.sh: test services did not start"; exit 1; }
trap 'bash .ci/stop-services.sh >/dev/null 2>&1 || true' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
if ! dotnet build Platform.sln -c Debug -nologo -v quiet >"$logs/build.log" 2>&1; then
    grep -E "error|Error" "$logs/build.log" | head -40
    echo "0 passed, 1 failed"
    exit 1
fi

passed=0
failed=0
for project in tests/*.Tests; do
    name="$(basename "$project")"
    echo "== $name"
    dotnet test --project "$project" --no-build -c Debug >"$logs/$name.log" 2>&1
    code=$?
    ok="$(grep -E '^\s*succeeded: [0-9]+' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+' || true)"
    bad="$(grep -E '^\s*failed: [0-9]+' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+' || true)"
    ok="${ok:-0}"; bad="${bad:-0}"
    if [[ $code -ne 0 && $bad -eq 0 ]]; then bad=1; fi   # crashed or ran nothing
    grep -E '^\s*failed [A-Z]' "$logs/$name.log" | head -20
    echo "   $ok passed, $bad failed (log: .tmp/test-logs/$name.log)"
    passed=$((passed + ok))
    failed=$((failed + bad))
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
