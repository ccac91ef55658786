//go:build bench

// Command floor is the floor for timing a non-interactive jewelguide run: it
// links the same third-party packages as jewelguide (so their init work and
// the binary's loading cost the same) and only prints a line. What
// jewelguide takes beyond this is our own work. scripts/bench.sh builds it,
// checks that the package lists match, and times it; it is not part of
// the jewelguide binary.
package main

import (
	"fmt"

	// The packages jewelguide's own packages import directly (the SSH
	// server's and the PostgreSQL sync's included: their init work runs in
	// every jewelguide run); go list -deps of both binaries agree on
	// everything below them.
	_ "github.com/charmbracelet/bubbles/cursor"
	_ "github.com/charmbracelet/bubbles/help"
	_ "github.com/charmbracelet/bubbles/key"
	_ "github.com/charmbracelet/bubbles/progress"
	_ "github.com/charmbracelet/bubbles/textarea"
	_ "github.com/charmbracelet/bubbles/textinput"
	_ "github.com/charmbracelet/bubbles/viewport"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/ssh"
	_ "github.com/charmbracelet/wish"
	_ "github.com/charmbracelet/wish/bubbletea"
	_ "github.com/charmbracelet/wish/ratelimiter"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/term"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/pgtype"
	_ "github.com/muesli/termenv"
	_ "golang.org/x/crypto/ssh"
	_ "golang.org/x/sys/unix"
	_ "gopkg.in/yaml.v3"
)

func main() { fmt.Println(`{"floor": true}`) }
