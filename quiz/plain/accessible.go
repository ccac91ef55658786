package plain

import "strings"

// Accessible reports whether the value of the ACCESSIBLE environment
// variable asks for plain mode, the convention screen-reader users of huh
// follow: any value but empty, 0 or false. Both the command line and the
// SSH server (for a client's -o SetEnv=ACCESSIBLE=1) read it through here.
func Accessible(value string) bool {
	v := strings.TrimSpace(value)
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}
