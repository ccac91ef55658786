#!/usr/bin/env bash
# Runs every command that reads a guide on every hostile guide — the corpus
# in testdata/guides and the larger ones scripts/hostile.py writes — and
# prints, per guide and command, the peak RSS and time (/usr/bin/time -v),
# the exit status and the first line of output. A row over 100 MB or 2 s of
# CPU time is marked OVER, and the script exits 1 if any is.
#
# usage: scripts/hostile.sh [GUIDE...]
#
# Needs go, python3 and GNU time (apt-get install -y time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && go build -o "$tmp/jewelguide" .)
if [[ $# -gt 0 ]]; then
	guides=("$@")
else
	python3 "$root/scripts/hostile.py" "$tmp/gen"
	guides=("$root"/testdata/guides/*.yaml "$tmp"/gen/*.yaml)
fi

over=0
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 s of CPU is what counts; wall time grows with the load)"
printf '| guide | KB | command | peak RSS MB | wall s | CPU s | exit | first line |\n|---|---|---|---|---|---|---|---|\n'
for g in "${guides[@]}"; do
	kb=$(( $(stat -c %s "$g") / 1024 ))
	for cmd in check report; do
		case $cmd in
		check) args=(check "$g") ;;
		# The generated guides all have q0=o0; on the others the run
		# stops after loading, which is what is measured there.
		report) args=(--guide "$g" --answer q0=o0 --format json) ;;
		esac
		set +e
		/usr/bin/time -v -o "$tmp/time" "$tmp/jewelguide" "${args[@]}" >"$tmp/out" 2>&1
		code=$?
		set -e
		rss=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$tmp/time")
		secs=$(awk -F': ' '/Elapsed \(wall/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; printf "%.2f", s}' "$tmp/time")
		cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$tmp/time")
		first=$(head -c 300 "$tmp/out" | head -n 1 | sed "s#$tmp/##g; s#$root/##g" | cut -c1-110)
		mark=
		if awk -v r="$rss" -v s="$cpu" 'BEGIN {exit !(r > 100 || s > 2)}'; then
			mark=' OVER'
			over=1
		fi
		printf '| %s | %d | %s | %s | %s | %s%s | %d | %s |\n' "$(basename "$g")" "$kb" "$cmd" "$rss" "$secs" "$cpu" "$mark" "$code" "${first//|/\\|}"
	done
done
exit $over
