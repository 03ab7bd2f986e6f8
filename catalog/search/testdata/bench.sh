#!/usr/bin/env bash
# Times the search package compiled to WebAssembly under Node, the way the
# browser module and the edge worker run it: loading the binary catalog,
# opening the embedded index, and the median query over both relevance sets
# (relevance.tsv and the real-phrasing halves).
#   bash catalog/search/testdata/bench.sh          # relevance.tsv and both real-phrasing halves
#   bash catalog/search/testdata/bench.sh tuning   # relevance.tsv and the tuning half only, for a
#                                                  # session that must leave the test half alone
#
# It runs the probe natively, then twice under Node. "eager" compiles the whole module at instantiation
# (--no-wasm-lazy-compilation), so the figures measure our code; "lazy" is
# Node's default, where V8 compiles each function on its first call and that
# compilation lands in whatever runs first (loading, opening).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./internal/probe export-catalog "$tmp/catalog.bin"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp/probe.wasm" ./internal/probe
halves=(testdata/realphrasing_*.tsv)
if [ "${1:-}" = tuning ]; then
	halves=(testdata/realphrasing_tuning.tsv)
fi
{ grep -v '^#' testdata/relevance.tsv | cut -f2; grep -hv '^#' "${halves[@]}" | cut -f1; } | grep -v '^$' > "$tmp/queries.txt"
exec_js="$(go env GOROOT)/lib/wasm/wasm_exec_node.js"
echo "== native (the same probe, for comparison)"
go run ./internal/probe bench "$tmp/queries.txt" "$tmp/catalog.bin"
echo "== eager compilation"
node --no-wasm-lazy-compilation "$exec_js" "$tmp/probe.wasm" bench "$tmp/queries.txt" "$tmp/catalog.bin"
echo "== lazy compilation (Node's default)"
node "$exec_js" "$tmp/probe.wasm" bench "$tmp/queries.txt" "$tmp/catalog.bin"
