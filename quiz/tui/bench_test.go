package tui

import "testing"

// BenchmarkViewQuestion is one question frame at 80×24, the frame drawn
// after almost every key.
func BenchmarkViewQuestion(b *testing.B) {
	m := press(b, newModel(b, Options{}), "enter", "3", "w")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// BenchmarkViewResult is the result frame at 80×24 (the viewport holds
// the rendered report; View only slices it).
func BenchmarkViewResult(b *testing.B) {
	m := press(b, newModel(b, Options{}), allStudio...)
	m = press(b, m, "enter")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// BenchmarkRenderReport is the report at 80 columns, as the result screen
// renders it on entry and on resize, and as the CLI prints it.
func BenchmarkRenderReport(b *testing.B) {
	m := press(b, newModel(b, Options{}), allStudio...)
	m = press(b, m, "enter")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = RenderReport(m.report, 78, m.styles)
	}
}

// BenchmarkAnswerKey is one digit key on a question: Update and the new
// frame, what a shop assistant's keystroke costs.
func BenchmarkAnswerKey(b *testing.B) {
	m := press(b, newModel(b, Options{}), "enter")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		next, _ := m.Update(keyMsg("3"))
		_ = next.View()
	}
}
