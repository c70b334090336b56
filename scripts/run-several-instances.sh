#!/usr/bin/env bash
# Two CampaignManager instances behind nginx on loopback, as in production behind a load balancer
# (README "Running several instances"):
#
#   bash scripts/run-several-instances.sh                      # start everything; Ctrl+C stops everything
#   bash scripts/run-several-instances.sh status               # (another terminal) what is up and ready
#   bash scripts/run-several-instances.sh down WHAT SECONDS    # (another terminal) take WHAT down, back after SECONDS
#                                                              #   WHAT: nginx | redis | app1 | app2
#
#   http://127.0.0.1:5260   nginx: open this one. Sticky sessions (cookie cm_node), WebSockets, failover
#   http://127.0.0.1:5262   app1 ┐ one SQLite file, one Redis, one Data Protection key directory
#   http://127.0.0.1:5263   app2 ┘ (each answers /health and /health/ready)
#   127.0.0.1:6390          redis-server, without persistence
#
# Ports: NGINX_PORT, APP1_PORT, APP2_PORT, REDIS_PORT; files (database, logs, keys, nginx's rendered config and
# temp files): DATA_DIR, default artifacts/several-instances/. nginx is rendered from
# deploy/nginx/campaignmanager.conf.template and runs in the foreground with its own prefix: nothing under /etc.
# Every process is watched: if one stops (crash, kill, or "down"), it is started again (after SECONDS for "down",
# else after 5 s), the way a service manager would.
# Installs nginx and redis-server (Debian packages) with apt-get when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

nginx_port="${NGINX_PORT:-5260}"
app1_port="${APP1_PORT:-5262}"
app2_port="${APP2_PORT:-5263}"
redis_port="${REDIS_PORT:-6390}"
data_dir="${DATA_DIR:-$root/artifacts/several-instances}"
run_dir="$data_dir/run"
restart_delay=5

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- other terminal: status / down ------------------------------------------------------------------------
ready() { curl -s -m 3 -w ' (HTTP %{http_code})' "$1" 2>/dev/null || echo '(no answer)'; }

status() {
  printf 'nginx  http://127.0.0.1:%s/health         %s\n' "$nginx_port" "$(ready "http://127.0.0.1:$nginx_port/health")"
  printf 'app1   http://127.0.0.1:%s/health/ready   %s\n' "$app1_port" "$(ready "http://127.0.0.1:$app1_port/health/ready")"
  printf 'app2   http://127.0.0.1:%s/health/ready   %s\n' "$app2_port" "$(ready "http://127.0.0.1:$app2_port/health/ready")"
  printf 'redis  127.0.0.1:%s                       %s\n' "$redis_port" "$(redis-cli -p "$redis_port" ping 2>/dev/null || echo '(no answer)')"
}

down() { # what seconds
  local what="${1:-}" seconds="${2:-}" signal
  case "$what" in
    nginx) signal=TERM ;; # fast shutdown: every browser's connection closes at once, like a pulled cable
    redis | app1 | app2) signal=KILL ;; # a crash: no goodbye to anyone
    *) die "down WHAT SECONDS: WHAT is nginx, redis, app1 or app2" ;;
  esac
  [[ "$seconds" =~ ^[0-9]+$ ]] || die "down WHAT SECONDS: SECONDS is a whole number"
  [ -f "$run_dir/$what.pid" ] || die "$what is not running (start everything first: bash scripts/run-several-instances.sh)"
  echo "$seconds" >"$run_dir/$what.down"
  kill "-$signal" "$(cat "$run_dir/$what.pid")"
  say "$what is down for $seconds s (SIG$signal); the running script starts it again"
}

case "${1:-up}" in
  up) ;;
  status) status; exit 0 ;;
  down) shift; down "$@"; exit 0 ;;
  *) die "usage: $0 [up | status | down nginx|redis|app1|app2 SECONDS]" ;;
esac

# --- prerequisites ------------------------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

for port in "$nginx_port" "$app1_port" "$app2_port" "$redis_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "127.0.0.1:$port is already in use (an earlier run still going?)"
  fi
done

mkdir -p "$data_dir/keys" "$run_dir/temp"
rm -f "$run_dir"/*.pid "$run_dir"/*.down "$run_dir/stopping"

# --- supervision: start, watch, start again -----------------------------------------------------------------
supervised=()
supervise() { # name command...
  local name=$1 child=0 delay
  shift
  (
    trap 'kill "$child" 2>/dev/null; exit 0' TERM
    while :; do
      "$@" >>"$data_dir/$name.log" 2>&1 &
      child=$!
      echo "$child" >"$run_dir/$name.pid"
      wait "$child" || true
      rm -f "$run_dir/$name.pid"
      [ -e "$run_dir/stopping" ] && exit 0
      delay=$restart_delay
      if [ -f "$run_dir/$name.down" ]; then delay=$(cat "$run_dir/$name.down"); rm -f "$run_dir/$name.down"; fi
      say "$name stopped; starting it again in $delay s"
      sleep "$delay" &
      child=$!
      wait "$child" || true
      [ -e "$run_dir/stopping" ] && exit 0
      say "$name starting again"
    done
  ) &
  supervised+=($!)
}

cleanup() {
  touch "$run_dir/stopping"
  local pidfile
  for pidfile in "$run_dir"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  [ "${#supervised[@]}" -eq 0 ] || kill "${supervised[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # what url seconds
  local _
  for _ in $(seq 1 "$3"); do
    curl -sf -m 2 "$2" >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "$1 did not answer $2 within $3 s (logs: $data_dir)"
}

# --- redis, the two instances, nginx ------------------------------------------------------------------------
supervise redis redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$data_dir"

say "building CampaignManager.Web"
dotnet build CampaignManager.Web -v q -nologo >"$data_dir/build.log" 2>&1 || die "build failed (see $data_dir/build.log)"
web_dll="$root/artifacts/bin/CampaignManager.Web/debug/CampaignManager.Web.dll"
[ -f "$web_dll" ] || die "$web_dll is missing after the build"

export ASPNETCORE_ENVIRONMENT=Development # the demo campaign and accounts on a new database
export ConnectionStrings__Database="Data Source=$data_dir/campaigns.db"
export ConnectionStrings__Redis="127.0.0.1:$redis_port"
export DataProtection__KeysDirectory="$data_dir/keys" # a cookie issued by one instance is good on the other
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" # glibc keeps less native memory per open tab (docs/decisions/ADR-007)

start_app() { # name port
  # The web project's folder is the content root (appsettings, static web assets in Development).
  supervise "$1" env --chdir="$root/CampaignManager.Web" dotnet "$web_dll" --urls "http://127.0.0.1:$2"
  # The first instance migrates and seeds; the second starts on the finished database.
  wait_for "$1" "http://127.0.0.1:$2/health/ready" 120
  say "$1 on http://127.0.0.1:$2 (log: $data_dir/$1.log)"
}
start_app app1 "$app1_port"
start_app app2 "$app2_port"

sed -e "s|{{LISTEN_PORT}}|$nginx_port|g" -e "s|{{APP1_PORT}}|$app1_port|g" \
    -e "s|{{APP2_PORT}}|$app2_port|g" -e "s|{{RUN_DIR}}|$run_dir|g" \
    deploy/nginx/campaignmanager.conf.template >"$run_dir/nginx.conf"
"$nginx_bin" -t -q -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/error.log" || die "nginx rejected $run_dir/nginx.conf"
supervise nginx "$nginx_bin" -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/error.log"
wait_for nginx "http://127.0.0.1:$nginx_port/health" 30

cat <<EOF
==> ready: open http://127.0.0.1:$nginx_port (Ctrl+C stops everything)
    sign in as gm@example.com in one browser and oskar@example.com in another (password Vellmark!2026);
    the response header X-CampaignManager-Instance says which instance answered.
    in another terminal:  bash scripts/run-several-instances.sh status
                          bash scripts/run-several-instances.sh down nginx 10     # the network gone for 10 s
                          bash scripts/run-several-instances.sh down redis 15     # Redis crashes, back after 15 s
                          bash scripts/run-several-instances.sh down app1 60      # an instance crashes
EOF
wait
