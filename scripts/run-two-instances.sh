#!/usr/bin/env bash
# Runs two app instances that share one SQLite file and one Redis, on loopback:
#   instance 1: http://127.0.0.1:5262   instance 2: http://127.0.0.1:5263   redis: 127.0.0.1:6390
# Sign in on each (e.g. gm@example.com on one, oskar@example.com on the other) and edit: every
# change shows up on the other instance at once. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

redis_port="${REDIS_PORT:-6390}"
data_dir="${DATA_DIR:-$PWD/artifacts/two-instances}"
mkdir -p "$data_dir"

if ! command -v redis-server >/dev/null; then
  echo "==> installing redis-server (Debian package)"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; fi
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$data_dir" >"$data_dir/redis.log" 2>&1 &
pids+=($!)

dotnet build CampaignManager.Web -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Database="Data Source=$data_dir/campaigns.db"
export ConnectionStrings__Redis="127.0.0.1:$redis_port"

for port in 5262 5263; do
  dotnet run --no-build --no-launch-profile --project CampaignManager.Web --urls "http://127.0.0.1:$port" >"$data_dir/app-$port.log" 2>&1 &
  pids+=($!)
  # The first instance migrates and seeds; the second starts once that is done.
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 1; done
  echo "==> instance on http://127.0.0.1:$port (log: $data_dir/app-$port.log)"
done
echo "==> redis on 127.0.0.1:$redis_port; Ctrl+C stops all"
wait
