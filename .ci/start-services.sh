#!/usr/bin/env bash
# Starts the services the tests need: a throwaway PostgreSQL 15 and s3rver (a local S3), each on a free
# loopback port, and writes their addresses to .tmp/test-services.env. Idempotent: services that still answer
# are kept. Run it, or source it to also get PLATFORM_TEST_POSTGRES and PLATFORM_TEST_S3 in your shell.
# Stop them with .ci/stop-services.sh.

_platform_start_services() (
    set -euo pipefail

    local repo state env_file pg_bin s3rver_version
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    state="$repo/.tmp/test-services"
    env_file="$repo/.tmp/test-services.env"
    pg_bin="${PLATFORM_PG_BIN:-/usr/lib/postgresql/15/bin}"
    s3rver_version="3.7.1"
    mkdir -p "$state"

    log() { echo "start-services: $*" >&2; }
    die() { log "$*"; exit 1; }

    command -v node >/dev/null || die "node is required (apt-get install -y nodejs npm)"
    [[ -x "$pg_bin/pg_ctl" ]] || die "PostgreSQL 15 server not found in $pg_bin (apt-get install -y postgresql-15)"

    free_port() {
        node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
    }

    # Succeeds when something accepts TCP connections on 127.0.0.1:$1 (node: curl may be missing).
    port_open() {
        node -e 'const c=require("net").connect(+process.argv[1],"127.0.0.1");c.on("connect",()=>process.exit(0));c.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),1000);' "$1"
    }

    wait_for_port() {
        local port="$1" what="$2" log_file="$3"
        for _ in $(seq 1 100); do
            port_open "$port" && return 0
            sleep 0.2
        done
        tail -n 30 "$log_file" >&2 || true
        die "$what did not start on port $port (log: $log_file)"
    }

    # ---- PostgreSQL ------------------------------------------------------------------------------------------
    as_pg() {
        # initdb and postgres refuse to run as root.
        if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
    }

    pg_running() {
        [[ -f "$state/pg.port" && -f "$state/pg.dir" ]] || return 1
        local dir port
        dir="$(cat "$state/pg.dir")"; port="$(cat "$state/pg.port")"
        [[ -d "$dir/data" ]] && as_pg "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && port_open "$port"
    }

    start_postgres() {
        if pg_running; then
            log "PostgreSQL already running on port $(cat "$state/pg.port")"
            return
        fi
        if [[ -f "$state/pg.dir" ]]; then
            local old; old="$(cat "$state/pg.dir")"
            as_pg "$pg_bin/pg_ctl" -D "$old/data" stop -m immediate >/dev/null 2>&1 || true
            rm -rf "$old"
        fi
        # Outside the repository: every parent of the data directory must be traversable by postgres.
        local dir port
        dir="$(mktemp -d /tmp/platform-pg.XXXXXX)"
        chmod 755 "$dir"
        mkdir -p "$dir/data" "$dir/sock"
        [[ "$(id -u)" == 0 ]] && chown -R postgres: "$dir"
        port="$(free_port)"
        as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
        # Durability is pointless for throwaway test databases; turning it off makes CREATE DATABASE fast.
        as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null || { tail -n 30 "$dir/postgres.log" >&2; die "PostgreSQL failed to start"; }
        echo "$dir" >"$state/pg.dir"
        echo "$port" >"$state/pg.port"
        log "PostgreSQL 15 started on 127.0.0.1:$port (data in $dir)"
    }

    # ---- s3rver ------------------------------------------------------------------------------------------------
    install_s3rver() {
        local prefix="$repo/.tmp/s3rver" pkg="$repo/.tmp/s3rver/node_modules/s3rver"
        if [[ ! -f "$pkg/package.json" ]] || ! grep -q "\"version\": \"$s3rver_version\"" "$pkg/package.json"; then
            log "installing s3rver@$s3rver_version with npm"
            mkdir -p "$prefix"
            npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "s3rver@$s3rver_version" >&2
        fi
        # s3rver 3.7.1 bugs that break the Minio SDK: list responses carry the wrong XML namespace, and the
        # copy source is decoded with decodeURI. Both edits are idempotent.
        sed -i 's#http://doc\.s3\.amazonaws\.com/2006-03-01/#http://s3.amazonaws.com/doc/2006-03-01/#g' "$pkg"/lib/controllers/*.js
        sed -i 's/\bdecodeURI(/decodeURIComponent(/g' "$pkg/lib/controllers/object.js"
        grep -rq 'doc\.s3\.amazonaws\.com' "$pkg/lib/controllers/" && die "could not patch s3rver's XML namespace"
        grep -q '\bdecodeURI(' "$pkg/lib/controllers/object.js" && die "could not patch s3rver's copy-source decoding"

        # Two more differences from S3 that the object store contract tests catch:
        # 1. Listings are not in key order: s3rver walks folders ("a/" before "a.txt"). Visit each folder's
        #    entries in the order of the keys they hold (a folder sorts as "name/", a file without its suffix).
        local utils="$pkg/lib/utils.js"
        if ! grep -q 'platformKeyOrder' "$utils"; then
            sed -i 's|for (const filename of fs.readdirSync(dir)) {|for (const filename of platformKeyOrder(dir, fs.readdirSync(dir))) {|' "$utils"
            cat >>"$utils" <<'JS'

function platformKeyOrder(dir, names) {
  const sortKey = name =>
    fs.statSync(path.posix.join(dir, name)).isDirectory() ? name + '/' : name.replace(/\._S3rver_[a-z.]+$/, '');
  return names
    .map(name => [sortKey(name), name])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(pair => pair[1]);
}
JS
        fi
        # 2. encoding-type=url is ignored, and the Minio SDK URL-decodes every listed key, so "a+b" comes back
        #    as "a b". Encode keys when asked, as S3 does.
        local bucket="$pkg/lib/controllers/bucket.js"
        if ! grep -q 'EncodingType:' "$bucket"; then
            sed -i "s|^\(\s*\)Key: object.key,|\1Key: options.encodingType === 'url' ? encodeURIComponent(object.key) : object.key,|" "$bucket"
            sed -i "s#^\(\s*\)IsTruncated: result.isTruncated || false,#\1EncodingType: options.encodingType || undefined,\n&#" "$bucket"
        fi
        grep -q 'platformKeyOrder(dir' "$utils" || die "could not patch s3rver's listing order"
        grep -q "encodeURIComponent(object.key)" "$bucket" && grep -q 'EncodingType:' "$bucket" \
            || die "could not patch s3rver's encoding-type"
        return 0
    }

    # Identifies the installed (patched) s3rver code, so that a changed patch restarts a running server.
    s3rver_code() {
        cat "$repo/.tmp/s3rver/node_modules/s3rver/lib/utils.js" "$repo"/.tmp/s3rver/node_modules/s3rver/lib/controllers/*.js | md5sum | cut -d' ' -f1
    }

    s3rver_running() {
        [[ -f "$state/s3.pid" && -f "$state/s3.port" && -f "$state/s3.code" ]] || return 1
        [[ "$(cat "$state/s3.code")" == "$(s3rver_code)" ]] || return 1
        kill -0 "$(cat "$state/s3.pid")" 2>/dev/null && port_open "$(cat "$state/s3.port")"
    }

    start_s3rver() {
        install_s3rver
        if s3rver_running; then
            log "s3rver already running on port $(cat "$state/s3.port")"
            return
        fi
        [[ -f "$state/s3.pid" ]] && kill "$(cat "$state/s3.pid")" 2>/dev/null || true
        local port data
        port="$(free_port)"
        data="$state/s3data"
        rm -rf "$data"; mkdir -p "$data"
        nohup node "$repo/.tmp/s3rver/node_modules/s3rver/bin/s3rver.js" -d "$data" -a 127.0.0.1 -p "$port" --silent \
            >"$state/s3rver.log" 2>&1 </dev/null &
        echo $! >"$state/s3.pid"
        echo "$port" >"$state/s3.port"
        s3rver_code >"$state/s3.code"
        wait_for_port "$port" s3rver "$state/s3rver.log"
        log "s3rver $s3rver_version started on 127.0.0.1:$port (keys S3RVER/S3RVER)"
    }

    start_postgres
    start_s3rver

    cat >"$env_file" <<EOF
export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$(cat "$state/pg.port");Username=postgres;Database=postgres"
export PLATFORM_TEST_S3="http://127.0.0.1:$(cat "$state/s3.port")"
EOF
    log "wrote $env_file"
)

# Called as a plain command, not in an `if`: bash ignores `set -e` inside anything run as an if condition.
_platform_start_services "$@"
_platform_services_rc=$?
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: export the variables into the caller's shell (set -e stayed inside the subshell).
    if [[ $_platform_services_rc == 0 ]]; then
        # shellcheck disable=SC1091
        source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tmp/test-services.env"
    else
        echo "start-services: failed" >&2
    fi
    unset -f _platform_start_services
    return $_platform_services_rc
fi
[[ $_platform_services_rc == 0 ]] && cat "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tmp/test-services.env"
exit $_platform_services_rc
