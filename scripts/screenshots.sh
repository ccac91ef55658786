#!/usr/bin/env bash
# Screenshots of the real program for the README: it drives jewelguide in
# tmux at 80x24 (the welcome screen, a question, the result's first view,
# its checklist) and saves a handout, checks that each capture shows what
# it should, and turns the captures into PNG images with freeze.
#
#   scripts/screenshots.sh           capture, check, and make the images
#   scripts/screenshots.sh --check   capture and check only (what CI runs)
#
# The images and the text captures live in scripts/screenshots/. freeze
# runs through `go run` at a pinned version, so it stays out of go.mod; it
# needs the Go module proxy and rsvg-convert, and says so and stops when
# either cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."

FREEZE=github.com/charmbracelet/freeze@v0.2.2
out=scripts/screenshots
check_only=false
[ "${1:-}" = "--check" ] && check_only=true

command -v tmux >/dev/null || { echo "screenshots: tmux is needed (apt-get install tmux)" >&2; exit 1; }

work=$(mktemp -d)
session="jewelguide-shots-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/jewelguide" .
mkdir -p "$work/handouts" "$out"

# A fixed clock is not possible from outside, so the handout's name varies;
# it is found by pattern below.
tmux new-session -d -s "$session" -x 80 -y 24 \
  "cd '$work' && TERM=xterm-256color COLORTERM=truecolor ./jewelguide --save-dir handouts; sleep 30"

# key sends one key and waits for the screen to settle; keys are sent one
# at a time, as a person types (a burst of text is ignored by design).
key() {
  tmux send-keys -t "$session" "$@"
  sleep 0.3
}

# capture NAME WANT...: save the screen as NAME.txt (plain) and NAME.ansi
# (with colours), and fail unless every WANT is on it.
capture() {
  local name=$1; shift
  tmux capture-pane -t "$session" -p > "$out/$name.txt"
  tmux capture-pane -t "$session" -p -e > "$work/$name.ansi"
  for want in "$@"; do
    if ! grep -qF -- "$want" "$out/$name.txt"; then
      echo "screenshots: $name does not show \"$want\":" >&2
      cat "$out/$name.txt" >&2
      exit 1
    fi
  done
  echo "captured $name"
}

wait_for() {
  for _ in $(seq 1 50); do
    tmux capture-pane -t "$session" -p | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "screenshots: the screen never showed \"$1\"" >&2
  tmux capture-pane -t "$session" -p >&2
  exit 1
}

wait_for "Press enter to start"
capture welcome "Press enter to start" "enter start"

key Enter
key Down
capture question "Question 1 of 7" "1-9 pick"

for k in 3 3 3 3 3 3 1 2; do key "$k"; done
key Enter
wait_for "See result"
key Enter
wait_for "[1 Result]"
capture result "[1 Result]" "Handcrafted" "Why" "Resume code" "1-4 part"

key 3
capture checklist "[3 Checklist]" "[ ] " "Resume code"

key e
tmux send-keys -t "$session" -l "Ring Smith"
sleep 0.3
key Enter
key s
wait_for "Saved handouts/"
handout=$(ls "$work"/handouts/*.md | head -1)
sed -n '1,40p' "$handout" > "$out/handout.txt"
grep -qF "**Reference:** Ring Smith" "$out/handout.txt" || { echo "screenshots: the handout lacks its reference" >&2; exit 1; }
echo "captured handout"

if $check_only; then
  exit 0
fi

# freeze: the text of each capture, in colour, as a PNG. Its built-in
# PNG converter crashes with recent Go releases; with rsvg-convert on the
# PATH it uses that instead.
if ! command -v rsvg-convert >/dev/null; then
  echo "screenshots: freeze needs rsvg-convert for PNG images (apt-get install librsvg2-bin); the text captures are in $out" >&2
  exit 0
fi
if ! go run "$FREEZE" --help >/dev/null 2>&1; then
  echo "screenshots: freeze ($FREEZE) cannot be fetched here; the text captures are in $out, the images were not made" >&2
  exit 0
fi
for name in welcome question result checklist; do
  go run "$FREEZE" --window --padding 20 -o "$out/$name.png" < "$work/$name.ansi"
done
go run "$FREEZE" --language markdown --window --padding 20 -o "$out/handout.png" "$out/handout.txt"
echo "images in $out"
