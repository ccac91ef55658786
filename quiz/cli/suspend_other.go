//go:build !unix

package cli

// suspendOnSignal has nothing to do where there is no job control.
func suspendOnSignal() (requests <-chan struct{}, stop func()) { return nil, func() {} }
