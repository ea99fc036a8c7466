#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET 10 SDK: installs what the tests need when it is
# missing (as root), starts a throwaway PostgreSQL on 127.0.0.1, builds, tests, and ends with the line
# "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v nats-server >/dev/null || missing+=(nats-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# A throwaway PostgreSQL cluster on 127.0.0.1, removed on exit.
PGBIN="$(pg_bin)"
PGROOT="$(mktemp -d /tmp/forewarn-pg.XXXXXX)"
PGPORT=55432
while (echo >"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGROOT"
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGROOT"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c max_connections=300" start >/dev/null
export FOREWARN_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

dotnet build Forewarn.slnx -nologo -v q -clp:ErrorsOnly

rm -rf TestResults
set +e
dotnet test --solution Forewarn.slnx --no-build --report-trx --results-directory "$PWD/TestResults" "$@"
status=$?
set -e

# CI shows only the tail of the output: name each failed test and the start of its message there.
find "$PWD/TestResults" -name '*.trx' -print0 2>/dev/null | xargs -0 -r awk -v RS='</UnitTestResult>' '
  { sub(/.*<UnitTestResult /, "<UnitTestResult ") }
  /^<UnitTestResult [^>]*outcome="Failed"/ {
    match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
    message = ""; if (match($0, /<Message>[^<]*/)) message = substr($0, RSTART + 9, RLENGTH - 9)
    print "FAILED " name; n = split(message, lines, "\n")
    for (i = 1; i <= n && i <= 8; i++) print "  " substr(lines[i], 1, 300)
  }'

# The runner's own summary is not read by CI: sum the TRX counters into one plain line.
find "$PWD/TestResults" -name '*.trx' -print0 2>/dev/null | xargs -0 -r grep -ho '<Counters [^>]*>' | awk '
  function n(k,  m) { return match($0, k "=\"[0-9]+\"") ? substr($0, RSTART + length(k) + 2, RLENGTH - length(k) - 3) + 0 : 0 }
  { p += n("passed"); f += n("failed") + n("error") + n("timeout") + n("aborted"); s += n("notExecuted") }
  END { printf "tests: %d passed, %d failed%s\n", p, f, (s ? sprintf(", %d skipped", s) : "") }'
[ "$status" = 0 ] || echo "dotnet test exited with $status" >&2
exit $status
