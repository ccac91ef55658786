package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap declares every key once. Update matches against these bindings and
// the help line renders from them, so what the help offers is exactly what
// works; syncKeys switches bindings on and off per screen.
type keyMap struct {
	// Move only appears in the short help, standing for Up and Down
	// together so the one-line help fits an 80-column window.
	Move key.Binding
	// Tick, also help-only, stands for Toggle and Digit on a multi-select
	// question.
	Tick     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Digit    key.Binding
	Toggle   key.Binding
	Choose   key.Binding
	Back     key.Binding
	Why      key.Binding
	Review   key.Binding
	// Edit, Save and NextCustomer are the counter's keys on the result.
	Edit         key.Binding
	Save         key.Binding
	NextCustomer key.Binding
	// Field, Keep and Cancel work the reference and note fields.
	Field  key.Binding
	Keep   key.Binding
	Cancel key.Binding
	Help   key.Binding
	Quit   key.Binding
	Yes    key.Binding
	No     key.Binding
	Kill   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Move: key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑↓", "move")),
		Tick: key.NewBinding(key.WithKeys(" ", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("space/1-9", "tick")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f", " "), key.WithHelp("pgdn/f/space", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		Digit: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("1-9", "pick")),
		Toggle:       key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "tick")),
		Choose:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:         key.NewBinding(key.WithKeys("left", "backspace", "shift+tab"), key.WithHelp("←", "back")),
		Why:          key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why")),
		Review:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "review")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "ref/note")),
		Save:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		NextCustomer: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next customer")),
		Field:        key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab", "other field")),
		Keep:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Yes:          key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes, quit")),
		No:           key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "no, stay")),
		Kill:         key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
	}
}

// ShortHelp is the one-line help under every screen. Disabled bindings are
// left out by bubbles/help, so one list serves every screen.
func (k keyMap) ShortHelp() []key.Binding {
	pick := k.Digit
	if k.Toggle.Enabled() {
		pick = k.Tick
	}
	return []key.Binding{
		k.Move, pick, k.Choose, k.Back, k.Why, k.Review, k.Edit, k.Save, k.NextCustomer,
		k.Field, k.Keep, k.Cancel, k.Yes, k.No, k.Quit, k.Help,
	}
}

// FullHelp is the `?` view: every key that works on this screen.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Digit, k.Toggle, k.Choose, k.Back},
		{k.Why, k.Review, k.Yes, k.No},
		{k.Edit, k.Save, k.NextCustomer},
		{k.Field, k.Keep, k.Cancel},
		{k.Help, k.Quit, k.Kill},
	}
}

// all lists every binding once.
func (k *keyMap) all() []*key.Binding {
	return []*key.Binding{
		&k.Move, &k.Tick, &k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Digit, &k.Toggle,
		&k.Choose, &k.Back, &k.Why, &k.Review, &k.Edit, &k.Save, &k.NextCustomer, &k.Field, &k.Keep,
		&k.Cancel, &k.Help, &k.Quit, &k.Yes, &k.No, &k.Kill,
	}
}

// setAll switches every binding on or off, so each screen starts from a
// known state and enables only what it handles.
func (k *keyMap) setAll(on bool) {
	for _, b := range k.all() {
		b.SetEnabled(on)
	}
}

// syncKeys enables exactly the bindings the current screen handles and
// words them for it, so the help never offers a key that does nothing.
func (m *Model) syncKeys() {
	k := &m.keys
	k.setAll(false)
	k.Kill.SetEnabled(true)
	k.Help.SetEnabled(true)
	k.Quit.SetEnabled(true)
	// esc means "cancel" wherever something can be cancelled (a changed
	// answer, the reference and note, the quit question), so it must not
	// also mean "quit" elsewhere: an assistant pressing it out of habit
	// would end the program. Only the welcome screen, where nothing can be
	// lost or cancelled, lets esc quit.
	k.Quit.SetKeys("q")
	k.Quit.SetHelp("q", "quit")
	k.Back.SetKeys("left", "backspace", "shift+tab")
	if m.help.ShowAll {
		k.Help.SetHelp("?", "less")
	} else {
		k.Help.SetHelp("?", "more")
	}
	switch m.screen {
	case screenWelcome:
		k.Choose.SetEnabled(true)
		k.Choose.SetHelp("enter", "start")
		k.Quit.SetKeys("q", "esc")
		k.Quit.SetHelp("q/esc", "quit")
	case screenQuestion:
		m.syncQuestionKeys()
	case screenReview:
		k.Up.SetEnabled(true)
		k.Down.SetEnabled(true)
		k.Up.SetHelp("↑/k", "up")
		k.Down.SetHelp("↓/j", "down")
		k.Choose.SetEnabled(true)
		if m.cursor >= len(m.guide.Questions) {
			k.Choose.SetHelp("enter", "see result")
		} else {
			k.Choose.SetHelp("enter", "change")
		}
		k.Back.SetEnabled(true)
		k.Back.SetHelp("←", "last question")
	case screenResult:
		for _, b := range []*key.Binding{
			&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Review, &k.Edit, &k.Save, &k.NextCustomer,
		} {
			b.SetEnabled(true)
		}
		// A customer served in public keeps nothing on the server.
		k.Edit.SetEnabled(!m.public)
		k.Save.SetEnabled(!m.public)
		k.Up.SetHelp("↑/k", "scroll up")
		k.Down.SetHelp("↓/j", "scroll down")
		k.Move.SetHelp("↑↓", "scroll")
	case screenConfirmQuit:
		k.Quit.SetEnabled(false)
		k.Help.SetEnabled(false)
		k.Yes.SetEnabled(true)
		k.No.SetEnabled(true)
	case screenEdit:
		// q and ? are text here; only ctrl+c stays a key.
		k.Quit.SetEnabled(false)
		k.Help.SetEnabled(false)
		k.Field.SetEnabled(true)
		k.Keep.SetEnabled(true)
		k.Cancel.SetEnabled(true)
	}
	k.Move.SetEnabled(k.Up.Enabled())
	k.Tick.SetEnabled(k.Toggle.Enabled())
	if m.screen != screenResult {
		k.Move.SetHelp("↑↓", "move")
	}
	m.layoutHelp()
}

func (m *Model) syncQuestionKeys() {
	k := &m.keys
	qu := m.guide.Questions[m.q]
	k.Up.SetEnabled(true)
	k.Down.SetEnabled(true)
	k.Up.SetHelp("↑/k", "up")
	k.Down.SetHelp("↓/j", "down")
	k.Digit.SetEnabled(true)
	k.Why.SetEnabled(qu.Why != "")
	if m.showWhy {
		k.Why.SetHelp("w", "hide why")
	} else {
		k.Why.SetHelp("w", "why")
	}
	k.Choose.SetEnabled(true)
	if qu.Multi() {
		k.Toggle.SetEnabled(true)
		k.Digit.SetHelp("1-9", "tick")
		k.Choose.SetHelp("enter", "confirm")
	} else {
		k.Digit.SetHelp("1-9", "pick")
		k.Choose.SetHelp("enter", "choose")
	}
	switch {
	case m.fromReview:
		// Changing an answer from the review is cancelled like the
		// reference and note are: with esc as well as ←.
		k.Back.SetEnabled(true)
		k.Back.SetKeys("left", "backspace", "shift+tab", "esc")
		k.Back.SetHelp("←/esc", "cancel")
	case m.q > 0:
		k.Back.SetEnabled(true)
		k.Back.SetHelp("←", "back")
	}
}
