#!/bin/sh
# `npm test`: the tests start at once, and the type check and lint run beside them at low
# priority, so they use the CPU the browser tests leave idle instead of holding the tests back
# for a minute or more. Their output is printed after the tests; any failure of the three fails
# the run. Extra arguments go to Vitest (e.g. `npm test -- test/sim`).
set -u
out=$(mktemp -d "${TMPDIR:-/tmp}/eventually-checks.XXXXXX")
trap 'rm -rf "$out"' EXIT

nice -n 10 npm run -s typecheck >"$out/typecheck.log" 2>&1 &
typecheck=$!
nice -n 10 npm run -s lint >"$out/lint.log" 2>&1 &
lint=$!
# Interrupted (Ctrl-C): background jobs of a script ignore SIGINT, so stop the checks here too.
trap 'kill "$typecheck" "$lint" 2>/dev/null; exit 130' INT TERM

vitest run --reporter=default --reporter=./test/plainSummary.ts "$@"
tests=$?

status=$tests
for step in typecheck lint; do
  if [ "$step" = typecheck ]; then wait "$typecheck"; else wait "$lint"; fi
  if [ $? -eq 0 ]; then
    echo "npm test: $step passed"
  else
    echo "npm test: $step FAILED:"
    cat "$out/$step.log"
    status=1
  fi
done
[ "$tests" -eq 0 ] || echo "npm test: tests FAILED (see above)"
exit "$status"
