#!/bin/sh
# Runs the waste search benchmark with the server package's tsx (the root has none) and --expose-gc.
# Usage: sh test/bench/run-waste-search.sh        (from the repository root)
cd "$(dirname "$0")/../../server" && NODE_OPTIONS=--expose-gc exec npx tsx ../test/bench/waste-search.bench.ts "$@"
