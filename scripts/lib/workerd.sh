# Shared by scripts/test-worker and scripts/bench-worker (sourced, not run):
# install the pinned workerd, write a workerd config for a built Worker
# directory, start and stop workerd on 127.0.0.1.

WORKERD_TOOLS=tools/worker

# install_workerd: `npm ci` of tools/worker/package-lock.json (workerd, pinned
# exactly) into tools/worker/node_modules. Skipped when that lock file is
# already installed. Sets WORKERD to the native binary (not the Node
# launcher), so $! is workerd's own process for /proc measurements.
install_workerd() {
  local stamp="$WORKERD_TOOLS/node_modules/.nianbao-lock.sha256"
  local sum
  sum=$(sha256sum "$WORKERD_TOOLS/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    echo "installing workerd (npm ci in $WORKERD_TOOLS)"
    # `npm ci` refuses a lock file that lacks some optional platform
    # packages (a registry mirror without the macOS/Windows builds gives
    # such a lock); `npm install --no-save` then installs the same locked
    # versions and integrity hashes without rewriting the lock.
    if ! (cd "$WORKERD_TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
      (cd "$WORKERD_TOOLS" && npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    fi
    local want got
    want=$(cd "$WORKERD_TOOLS" && node -p 'require("./package.json").devDependencies.workerd')
    got=$(cd "$WORKERD_TOOLS" && node -p 'require("workerd/package.json").version')
    if [ "$want" != "$got" ]; then
      echo "installed workerd $got, want $want" >&2
      return 1
    fi
    echo "$sum" >"$stamp"
  fi
  WORKERD=$(cd "$WORKERD_TOOLS" && node -p 'require("workerd").default')
  if [ ! -x "$WORKERD" ]; then
    echo "workerd binary not found at $WORKERD" >&2
    return 1
  fi
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# write_config DIR PORT ALLOWED_ORIGINS MODULE...: DIR holds the Worker's
# files; writes DIR/config.capnp serving them on 127.0.0.1:PORT. Each MODULE
# is a file name in DIR (*.wasm as wasm, the rest as ES modules); the first
# is the entry module. No network access is configured: the Worker can
# reach nothing outside itself.
write_config() {
  local dir=$1 port=$2 origins=$3
  shift 3
  {
    echo 'using Workerd = import "/workerd/workerd.capnp";'
    echo 'const config :Workerd.Config = ('
    echo '  services = [ (name = "main", worker = .mainWorker) ],'
    echo "  sockets = [ (name = \"http\", address = \"127.0.0.1:$port\", http = (), service = \"main\") ]"
    echo ');'
    echo 'const mainWorker :Workerd.Worker = ('
    echo '  modules = ['
    local m
    for m in "$@"; do
      case $m in
        *.wasm) echo "    (name = \"$m\", wasm = embed \"$m\")," ;;
        *) echo "    (name = \"$m\", esModule = embed \"$m\")," ;;
      esac
    done
    echo '  ],'
    echo "  bindings = [ (name = \"ALLOWED_ORIGINS\", text = \"$origins\") ],"
    echo '  compatibilityDate = "2025-09-01",'
    echo ');'
  } >"$dir/config.capnp"
}

# start_workerd DIR LOG: serve DIR/config.capnp in the background; sets
# WORKERD_PID. The caller's trap must call stop_workerd.
start_workerd() {
  local dir=$1 log=$2
  "$WORKERD" serve "$dir/config.capnp" >"$log" 2>&1 &
  WORKERD_PID=$!
  WORKERD_PIDS="${WORKERD_PIDS:-} $WORKERD_PID"
}

# stop_workerd [PID]: stop one workerd we started (default: all of them).
stop_workerd() {
  local p
  for p in ${1:-${WORKERD_PIDS:-}}; do
    if kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
}
