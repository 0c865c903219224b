# Shared helpers for ./test and ./demo. Sourced, not run.

# Dimmed on a terminal only (and never with NO_COLOR set), so logs and pipes get plain text.
log() {
  if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
    printf '\033[2m[%s] %s\033[0m\n' "$(date +%H:%M:%S)" "$*" >&2
  else
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
  fi
}

# moto_server and cfn-lint come from pip, installed only when missing.
ensure_python_tools() {
  local missing=()
  command -v moto_server >/dev/null 2>&1 || missing+=("moto[server]")
  command -v cfn-lint >/dev/null 2>&1 || missing+=("cfn-lint")
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    python3 -m pip install --quiet "${missing[@]}"
    # A non-root pip installs scripts into the user base, which may not be on PATH yet.
    export PATH="$(python3 -m site --user-base)/bin:$PATH"
    hash -r
  fi
}

# Debian's chromium renders the HTML lineage report and drives the console in the tests; installed only when missing.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  command -v apt-get >/dev/null 2>&1 || { log "no /usr/bin/chromium and no apt-get: the report rendering test will fail"; return 0; }
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing chromium"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

# Native AOT links the bootstrap with gcc against zlib; make drives the publish and zip packs it. Debian's
# packages, installed only when missing.
ensure_native_toolchain() {
  local missing=()
  command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v zip >/dev/null 2>&1 || missing+=(zip)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "Native AOT needs ${missing[*]} (no apt-get to install them)" >&2; exit 1; }
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts moto_server on a free loopback port, exports MOTO_ENDPOINT, and stops it when the script exits.
start_moto() {
  local logfile=$1 port
  port=$(free_port)
  moto_server -H 127.0.0.1 -p "$port" >"$logfile" 2>&1 &
  MOTO_PID=$!
  trap 'stop_moto' EXIT
  export MOTO_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    if curl -sS -o /dev/null "$MOTO_ENDPOINT/" >/dev/null 2>&1; then
      log "moto_server on $MOTO_ENDPOINT"
      return 0
    fi
    sleep 0.2
  done
  echo "moto_server did not start; its log:" >&2
  cat "$logfile" >&2
  exit 1
}

stop_moto() {
  if [ -n "${MOTO_PID:-}" ] && kill -0 "$MOTO_PID" 2>/dev/null; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
}

# The IAM evaluation engine the permission tests use (tests/iam-simulate, pinned by its lockfile); installed only when missing.
ensure_iam_engine() {
  [ -d tests/iam-simulate/node_modules/@cloud-copilot/iam-simulate ] && return 0
  command -v npm >/dev/null 2>&1 || { log "npm not found: the IAM permission tests will fail"; return 0; }
  log "installing the IAM evaluation engine (npm ci)"
  (cd tests/iam-simulate && npm ci --no-audit --no-fund --silent)
}

# The console's browser tests drive chromium with playwright-core (tests/console-browser, pinned by its lockfile);
# installed only when missing. playwright-core downloads no browser: the tests use Debian's chromium.
ensure_console_browser() {
  [ -d tests/console-browser/node_modules/playwright-core ] && return 0
  command -v npm >/dev/null 2>&1 || { log "npm not found: the console browser tests will fail"; return 0; }
  log "installing the console browser driver (npm ci)"
  (cd tests/console-browser && npm ci --no-audit --no-fund --silent)
}
