#!/bin/sh
# The demo credential process, counting its runs in $RUNS_FILE; fails while $FAIL is set.
echo run >> "$RUNS_FILE"
if [ -n "${FAIL:-}" ]; then
  echo "identity service unavailable" >&2
  exit 1
fi
exec sh credential-process-demo.sh
