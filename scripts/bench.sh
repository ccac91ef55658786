#!/usr/bin/env bash
# Measures jewelguide as a whole program and prints one Markdown table of
# figures against the targets in README.md's "Performance":
#
#   - first frame: start to first drawn screen in a pseudo-terminal that
#     answers the background-colour and cursor-position queries, against a
#     bare Bubble Tea program at the same frame rate, run alternately:
#     120 fps as jewelguide runs, and Bubble Tea's default 60 (and gum
#     choose, when gum is installed);
#   - a non-interactive run (--answer … --format json) against a floor
#     binary linking the same libraries and against a hello-world, and
#     check on the built-in guide;
#   - peak RSS of that run and the stripped binary size;
#   - the Go benchmarks the targets name (go test -bench).
#
# It measures the last commit, from a fresh clone in a temporary directory,
# so uncommitted work in the checkout never leaks into the figures.
#
# usage: scripts/bench.sh [--runs N] [--growth] [--worktree]
#   --runs N     first-frame rounds, and hyperfine runs per round (default 30)
#   --growth     also print the questions × rules growth tables
#   --worktree   measure the checkout as it is, uncommitted files included
#   --skip-go    leave out the go test -bench rows (a quicker check)
#
# Needs go, python3, git, hyperfine, GNU time and util-linux's setsid:
#   apt-get update && apt-get install -y hyperfine time
set -euo pipefail

runs=30
growth=
worktree=
skipgo=
while [[ $# -gt 0 ]]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--growth) growth=--growth; shift ;;
	--worktree) worktree=1; shift ;;
	--skip-go) skipgo=1; shift ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done

for tool in go git python3 hyperfine setsid; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (apt-get install -y hyperfine time)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "bench.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jewelguide-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src bin=$tmp/bin out=$tmp/out
mkdir -p "$bin" "$out"

if [[ -n $worktree ]]; then
	mkdir -p "$src"
	# Tracked and untracked files, minus what .gitignore leaves out.
	git -C "$root" ls-files -z --cached --others --exclude-standard |
		(cd "$root" && xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) | tar -C "$src" -xf -
	what="working tree of $(git -C "$root" rev-parse --short HEAD)"
else
	git clone --quiet "$root" "$src"
	what="commit $(git -C "$src" rev-parse --short HEAD)"
fi
cd "$src"
echo "bench.sh: measuring $what in $src" >&2

# Every binary is built the same way, stripped, so sizes and start-up
# compare like with like.
# The programs under scripts/ carry the build tag "bench", which keeps them
# out of "go build/vet/test ./..."; the tag changes nothing in jewelguide.
build() { go build -tags bench -trimpath -ldflags='-s -w' -o "$bin/$1" "$2"; }
build jewelguide .
build bare ./scripts/bare
build floor ./scripts/floor
build hello ./scripts/hello
build tuifps ./scripts/tuifps

# The floor is only a floor if it links what jewelguide links.
deps() { go list -tags bench -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' "$1" | grep -v '^github.com/jewelguide/' | sort; }
if ! diff <(deps .) <(deps ./scripts/floor) >"$out/depdiff"; then
	echo "bench.sh: warning: the floor links different packages from jewelguide; update scripts/floor:" >&2
	cat "$out/depdiff" >&2
fi

answers=(--answer occasion=gift --answer budget=moderate --answer lifespan=years --answer ethics=nice-to-have
	--answer personalization=bespoke --answer character=either --answer extras=meet-maker,matching-set --format json)
"$bin/jewelguide" "${answers[@]}" | python3 -c 'import json, sys; json.load(sys.stdin)' ||
	{ echo "bench.sh: the non-interactive run did not print JSON" >&2; exit 1; }

# gum, when installed, is a finished Bubble Tea program to set ours beside.
gum=()
if command -v gum >/dev/null; then
	gum=(gum "gum frame" "$(command -v gum) choose 'gum frame' other")
fi
echo "bench.sh: first frame, $runs alternating rounds…" >&2
python3 scripts/firstframe.py --runs "$runs" --json "$out/firstframe.json" \
	jewelguide "Press enter to start" "$bin/jewelguide" \
	bare "bare frame" "$bin/bare" \
	jewelguide-60fps "Press enter to start" "$bin/tuifps" \
	bare-120fps "bare frame" "$bin/bare -fps 120" \
	hello "hello, world" "$bin/hello" \
	"${gum[@]}" >&2

# hyperfine runs all of one command, then all of the next; on a shared
# machine a busy spell would then land on one of them only. Ten short
# rounds interleave them, and benchtable.py pools the rounds' timings.
echo "bench.sh: non-interactive run, 10 rounds of $runs runs each…" >&2
for round in 0 1 2 3 4 5 6 7 8 9; do
	hyperfine --shell=none --warmup 3 --runs "$runs" --style none --export-json "$out/run-$round.json" \
		-n jewelguide "$bin/jewelguide ${answers[*]}" -n floor "$bin/floor" -n hello "$bin/hello" \
		-n check "$bin/jewelguide check data/guide.yaml"
done

# Peak RSS: the largest of ten runs each, from GNU time's verbose report.
peak() {
	local max=0 kb
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kb=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk -F': ' '/Maximum resident set size/ {print $2}')
		((kb > max)) && max=$kb
	done
	echo "$max"
}
printf '{"jewelguide": %s, "floor": %s, "hello": %s}\n' \
	"$(peak "$bin/jewelguide" "${answers[@]}")" "$(peak "$bin/floor")" "$(peak "$bin/hello")" >"$out/rss.json"
printf '{"jewelguide": %s, "floor": %s, "bare": %s, "hello": %s}\n' \
	"$(stat -c %s "$bin/jewelguide")" "$(stat -c %s "$bin/floor")" "$(stat -c %s "$bin/bare")" "$(stat -c %s "$bin/hello")" >"$out/sizes.json"

if [[ -n $skipgo ]]; then
	: >"$out/gobench.txt"
else
	echo "bench.sh: go test -bench (two to three minutes)…" >&2
	go test -run '^$' -bench 'Parse|Score|Tipping|Evaluate|ReportJSON|ScaleKey|ScaleFrame' -benchmem \
		./data/ ./quiz/ ./quiz/tui/ | tee "$out/gobench.txt" >&2
fi

echo >&2
echo "Measured $what on $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(go version | cut -d' ' -f3-), $(date -u +%Y-%m-%d)."
echo
python3 scripts/benchtable.py "$out" $growth
