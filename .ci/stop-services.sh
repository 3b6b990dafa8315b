#!/usr/bin/env bash
# Stops what .ci/start-services.sh started and removes its throwaway data.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$repo/.tmp/test-services"
pg_bin="${PLATFORM_PG_BIN:-/usr/lib/postgresql/15/bin}"

if [[ -f "$state/pg.dir" ]]; then
    dir="$(cat "$state/pg.dir")"
    if [[ -d "$dir/data" ]]; then
        if [[ "$(id -u)" == 0 ]]; then
            runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1
        else
            "$pg_bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1
        fi
    fi
    rm -rf "$dir"
    rm -f "$state/pg.dir" "$state/pg.port"
    echo "stop-services: PostgreSQL stopped" >&2
fi

if [[ -f "$state/s3.pid" ]]; then
    pid="$(cat "$state/s3.pid")"
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$state/s3data"
    rm -f "$state/s3.pid" "$state/s3.port" "$state/s3.code"
    echo "stop-services: s3rver stopped" >&2
fi

rm -f "$repo/.tmp/test-services.env"
