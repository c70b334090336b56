#!/usr/bin/env bash
# The test command of the README and of CI (.ci/run):
#
#   bash scripts/test.sh                                   # every test: unit, component, integration, E2E
#   bash scripts/test.sh --filter-trait "Category=Unit"    # extra arguments go to the test run (xunit.v3 filters)
#
# 1. installs redis-server, nginx and chromium with apt-get when they are missing (integration and browser tests
#    need them and are never skipped), 2. restores the local dotnet tools, 3. builds the solution once (Debug),
#    4. runs CampaignManager.Tests with a TRX report, past failures, 5. prints as its LAST line
#    "N passed, N failed", counted from the report (anything not passed - failed, skipped, not run - is failed).
# Exits non-zero if the build failed, any test did not pass, no test ran, or the test run itself broke.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
configuration=Debug
results_dir="$root/artifacts/test-results"
report_name=tests.trx
started=$SECONDS

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*"; }

summary() { # passed failed exit-code [reason]
  if [ -n "${4:-}" ]; then say "$4"; fi
  say "took $((SECONDS - started)) s"
  printf '%s passed, %s failed\n' "$1" "$2"
  exit "$3"
}

# --- 1. servers the tests start themselves --------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx) # the load-balancer tests (CampaignManager.Tests/E2E/Resilience)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || summary 0 0 1 "need root or sudo to install ${missing[*]}"
    sudo=(sudo -n)
  fi
  if ! { "${sudo[@]}" apt-get update -q &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } </dev/null; then
    summary 0 0 1 "apt-get could not install ${missing[*]}"
  fi
fi

command -v dotnet >/dev/null 2>&1 || summary 0 0 1 "the .NET 10 SDK (dotnet) is not on PATH"

# --- 2. local tools (dotnet-tools.json) ------------------------------------------------------------------
say "dotnet tool restore"
dotnet tool restore </dev/null || summary 0 0 1 "dotnet tool restore failed"

# --- 3. build once --------------------------------------------------------------------------------------
# --disable-build-servers: no MSBuild node or compiler server outlives the script holding CI's output pipe.
say "dotnet build CampaignManager.sln -c $configuration"
if ! dotnet build CampaignManager.sln -c "$configuration" --disable-build-servers -nologo </dev/null; then
  summary 0 0 1 "build failed"
fi

# --- 4. run every test ----------------------------------------------------------------------------------
rm -rf "$results_dir"
mkdir -p "$results_dir"
# Fixtures create their temporary directories (SQLite files, redis-server dirs, Chromium profiles) under
# TMPDIR; a per-run TMPDIR lets this script clean up after a test process that crashed before disposing them.
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/campaignmanager-tests.XXXXXX")
cleanup() {
  local pidfile pid
  for pidfile in "$run_tmp"/cm-redis-*/redis.pid "$run_tmp"/cm-nginx-*/nginx.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # Only a redis-server or nginx this run started (its pid file is in this run's directory), and only if that
    # pid still is one (nginx's master ends its workers on TERM).
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq 'redis-server|nginx'; then
      kill "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$run_tmp"
}
trap cleanup EXIT

test_args=(
  --project CampaignManager.Tests
  -c "$configuration"
  --no-build
  --results-directory "$results_dir"
  --report-xunit-trx --report-xunit-trx-filename "$report_name"
  --explicit on           # [Fact(Explicit = true)] tests run too: nothing is left out
  --no-progress
)
[ -t 1 ] || test_args+=(--no-ansi)

say "dotnet test ${test_args[*]} $*"
set +e
TMPDIR="$run_tmp" dotnet test "${test_args[@]}" "$@" </dev/null
test_exit=$?
set -e

# --- 5. count from the report -----------------------------------------------------------------------------
report="$results_dir/$report_name"
if [ ! -f "$report" ]; then
  summary 0 0 1 "no test report at $report: the test run broke (dotnet test exit code $test_exit)"
fi

# One <UnitTestResult …/> element per executed test case (theory rows included), each with an outcome attribute.
results=$(grep -o '<UnitTestResult [^>]*>' "$report" || true)
total=$(printf '%s' "$results" | grep -c 'outcome="' || true)
passed=$(printf '%s' "$results" | grep -c 'outcome="Passed"' || true)
failed=$((total - passed))

if [ "$total" -eq 0 ]; then
  summary 0 0 1 "no test ran (dotnet test exit code $test_exit)"
fi
if [ "$failed" -gt 0 ]; then
  summary "$passed" "$failed" 1 "$failed of $total tests did not pass (skipped and not-run tests count as failed); report: $report"
fi
if [ "$test_exit" -ne 0 ]; then
  summary "$passed" "$failed" 1 "every test in the report passed, but dotnet test exited with $test_exit (a crash or an error outside a test)"
fi
summary "$passed" "$failed" 0 "all $total tests passed; report: $report"
