package serve

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/jewelguide/jewelguide/quiz"
)

// maxKeysFile bounds what is read of an authorized keys file; a real one
// of a few hundred counters is tens of kilobytes.
const maxKeysFile = 1 << 20

// loadHostKey reads the server's private key from path, or creates an
// Ed25519 key there (mode 0600) when there is no file yet, so clients see
// the same host key after every restart.
func loadHostKey(path string) (gossh.Signer, bool, error) {
	b, err := os.ReadFile(path)
	created := false
	if errors.Is(err, os.ErrNotExist) {
		if b, err = createHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
	} else if err != nil {
		return nil, false, fmt.Errorf("--host-key %s: %v", quiz.Inert(path), err)
	} else if fi, serr := os.Stat(path); serr == nil && fi.Mode().Perm()&0o077 != 0 {
		// OpenSSH refuses such a key too: anyone who can read it can pose
		// as this server.
		return nil, false, fmt.Errorf("--host-key %s can be read by other users (mode %04o); run chmod 600 on it", quiz.Inert(path), fi.Mode().Perm())
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, false, fmt.Errorf("--host-key %s: not a private key without a passphrase: %v", quiz.Inert(path), err)
	}
	return signer, created, nil
}

func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("creating a host key: %v", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "jewelguide host key")
	if err != nil {
		return nil, fmt.Errorf("creating a host key: %v", err)
	}
	b := pem.EncodeToMemory(block)
	// O_EXCL: two servers started at once must not write over each
	// other's key, and a key must never be replaced.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--host-key %s: cannot create it: %v", quiz.Inert(path), err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("--host-key %s: %v", quiz.Inert(path), err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("--host-key %s: %v", quiz.Inert(path), err)
	}
	return b, nil
}

// keySet is the staff keys of an authorized keys file: each key's wire
// form to the name its log records carry.
type keySet map[string]string

// loadKeys reads an OpenSSH authorized keys file. Every line that is not
// a key is reported with its line number, and the file is refused whole,
// so a typo never locks out a counter silently.
func loadKeys(path string) (keySet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %v", quiz.Inert(path), err)
	}
	defer f.Close()
	keys := keySet{}
	var problems []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxKeysFile)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			// The library's reason names its parser's last attempt
			// (base64 at some byte), not what to fix.
			problems = append(problems, fmt.Sprintf("%s:%d: %s", quiz.Inert(path), n, keyLineProblem(line)))
			continue
		}
		keys[string(key.Marshal())] = counterName(key, comment)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %v", quiz.Inert(path), err)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return keys, nil
}

// keyLineProblem says in plain words why line is not a key.
func keyLineProblem(line []byte) string {
	first := string(bytes.Fields(line)[0])
	for _, prefix := range []string{"ssh-", "ecdsa-", "sk-"} {
		if strings.HasPrefix(first, prefix) {
			return fmt.Sprintf("the key after %s is damaged or cut short; copy the whole line from the counter's .pub file", quiz.Inert(first))
		}
	}
	return "not an OpenSSH public key line (it should start with a key type such as ssh-ed25519)"
}

// counterName is what the log calls a counter: its key's comment
// ("counter-2@shop"), or the key's fingerprint when it has none. Never the
// key itself.
func counterName(key gossh.PublicKey, comment string) string {
	if c := strings.TrimSpace(quiz.Inert(comment)); c != "" {
		return c
	}
	return gossh.FingerprintSHA256(key)
}

// staffName returns the counter name of key, if it is a staff key.
func (k keySet) staffName(key ssh.PublicKey) (string, bool) {
	if key == nil {
		return "", false
	}
	name, ok := k[string(key.Marshal())]
	return name, ok
}
