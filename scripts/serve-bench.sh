#!/usr/bin/env bash
# Measures jewelguide serve over loopback (README.md, "Serve it to every
# counter"):
#
#   - first frame: a session's start, after authentication, to its first
#     drawn screen, with a client that answers the terminal's queries,
#     against the same interface drawing in-process (go test -bench
#     FirstFrame ./quiz/serve/);
#   - memory per idle session: the server's RSS with N full-screen
#     sessions of OpenSSH's ssh open at the welcome screen, less its RSS
#     before them, divided by N.
#
# usage: scripts/serve-bench.sh [--sessions N] [--frames N]
#
# Needs go and OpenSSH's client (ssh, ssh-keygen). Everything runs on
# 127.0.0.1 and every process it starts is stopped at the end.
set -euo pipefail

sessions=20
frames=50
while [[ $# -gt 0 ]]; do
	case $1 in
	--sessions) sessions=$2; shift 2 ;;
	--frames) frames=$2; shift 2 ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "serve-bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done
cd "$(dirname "$0")/.."

echo "== first frame (mean of $frames sessions each)"
go test ./quiz/serve/ -run '^$' -bench FirstFrame -benchtime "${frames}x" | grep -E '^Benchmark'

work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/jewelguide" .
ssh-keygen -q -t ed25519 -N '' -C bench -f "$work/key"
"$work/jewelguide" serve --listen 127.0.0.1:0 --host-key "$work/host_key" \
	--authorized-keys "$work/key.pub" 2>"$work/events" &
server=$!
pids+=("$server")
for _ in $(seq 100); do
	grep -q 'listening on' "$work/events" && break
	sleep 0.1
done
port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/events")
[[ -n $port ]] || { echo "the server did not start:"; cat "$work/events"; exit 1; }

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
# The clients read a FIFO that this script holds open and never writes
# to, so each session stays at the welcome screen.
mkfifo "$work/keys"
exec 3<>"$work/keys"
client() {
	# ssh -tt asks for a terminal although its input is not one.
	ssh -tt -F /dev/null -p "$port" -i "$work/key" -o IdentitiesOnly=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
		-o BatchMode=yes counter@127.0.0.1 <"$work/keys" >"$work/out.$1" 2>&1 &
	pids+=("$!")
}
# One session first, so the runtime's start-up growth is not counted.
client warm
sleep 3
before=$(rss)
for i in $(seq "$sessions"); do client "$i"; done
for _ in $(seq 300); do
	n=$( (grep -l "more" "$work"/out.[0-9]* 2>/dev/null || true) | wc -l)
	[[ $n -ge $sessions ]] && break
	sleep 0.1
done
sleep 2
after=$(rss)
echo "== memory: $n of $sessions sessions drawn"
echo "RSS before ${before} kB, with $sessions more idle sessions ${after} kB"
awk -v a="$after" -v b="$before" -v n="$sessions" 'BEGIN {printf "per idle session: %.0f kB (%.2f MB)\n", (a-b)/n, (a-b)/n/1024}'
kill -TERM "$server"
wait "$server" 2>/dev/null || true
