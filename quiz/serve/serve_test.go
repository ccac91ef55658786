package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestRefusesToStartOpen(t *testing.T) {
	_, err := New(Config{Guide: guide(t), HostKey: filepath.Join(t.TempDir(), "hk")})
	if err == nil || !strings.Contains(err.Error(), "--authorized-keys") || !strings.Contains(err.Error(), "--public") {
		t.Fatalf("New without keys or --public: %v", err)
	}
	// An authorized keys file with a broken line names the line.
	keys := filepath.Join(t.TempDir(), "keys")
	k := newKey(t, "counter-1")
	os.WriteFile(keys, []byte(k.line+"\nssh-ed25519 AAAAnot-base64\nAAAAC3NzaC1lZDI1NTE5 counter-2\n"), 0o600)
	_, err = New(Config{Guide: guide(t), HostKey: filepath.Join(t.TempDir(), "hk"), AuthorizedKeys: keys})
	want := keys + ":2: the key after ssh-ed25519 is damaged or cut short; copy the whole line from the counter's .pub file\n" +
		keys + ":3: not an OpenSSH public key line (it should start with a key type such as ssh-ed25519)"
	if err == nil || err.Error() != want {
		t.Fatalf("broken keys file: %v\nwant %s", err, want)
	}
}

func TestHostKeyCreatedOnceAndKept(t *testing.T) {
	hk := filepath.Join(t.TempDir(), "host_key")
	keys := filepath.Join(t.TempDir(), "keys")
	writeKeys(t, keys, newKey(t, "c"))
	first, err := New(Config{Guide: guide(t), HostKey: hk, AuthorizedKeys: keys})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(hk)
	if err != nil || fi.Mode().Perm() != 0o600 || !first.HostKeyCreated {
		t.Fatalf("host key: %v, mode %v, created %v", err, fi.Mode(), first.HostKeyCreated)
	}
	before, _ := os.ReadFile(hk)
	second, err := New(Config{Guide: guide(t), HostKey: hk, AuthorizedKeys: keys})
	after, _ := os.ReadFile(hk)
	if err != nil || second.HostKeyCreated || string(before) != string(after) {
		t.Fatalf("second start: %v, created %v, key changed %v", err, second.HostKeyCreated, string(before) != string(after))
	}
	os.Chmod(hk, 0o644)
	if _, err := New(Config{Guide: guide(t), HostKey: hk, AuthorizedKeys: keys}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a host key others can read: %v", err)
	}
}

func TestStaffKeyGetsInWithOpenSSH(t *testing.T) {
	staff := newKey(t, "counter-2@shop")
	keys := filepath.Join(t.TempDir(), "keys")
	writeKeys(t, keys, staff)
	r := start(t, Config{AuthorizedKeys: keys, Store: "Mill Lane"})
	out, errOut, code := runSSH(t, sshClient(t, r, "-T", "-i", staff.file, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "counter@127.0.0.1"), answers)
	if code != 0 || !strings.Contains(out, "Question 2 of 2") || !strings.Contains(out, "Resume code:") || !strings.Contains(out, "Hand") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	recs := records(t, r.log)
	if len(recs) != 1 || recs[0]["verdict"] != "hand" || recs[0]["public"] != nil ||
		recs[0]["counter"] != "counter-2@shop" || recs[0]["store"] != "Mill Lane" {
		t.Fatalf("log %v, want one staff record for hand from counter-2@shop at Mill Lane", recs)
	}
	b, _ := os.ReadFile(r.log)
	if strings.Contains(string(b), strings.Fields(staff.line)[1]) {
		t.Error("the log holds the staff key itself")
	}
	if ev := r.events.String(); !strings.Contains(ev, `user "counter" counter "counter-2@shop" terminal none`) {
		t.Errorf("the connect line does not name the counter:\n%s", ev)
	}
}

func TestUnknownKeyAndPasswordRefused(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "keys")
	writeKeys(t, keys, newKey(t, "counter-1"))
	r := start(t, Config{AuthorizedKeys: keys})
	stranger := newKey(t, "")
	out, errOut, code := runSSH(t, sshClient(t, r, "-T", "-i", stranger.file, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "counter@127.0.0.1"), answers)
	if code != 255 || out != "" || !strings.Contains(errOut, "Permission denied") {
		t.Errorf("unknown key: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The server does not even offer passwords or keyboard-interactive.
	_, errOut, code = runSSH(t, sshClient(t, r, "-T", "-o", "PubkeyAuthentication=no", "-o", "BatchMode=yes", "counter@127.0.0.1"), answers)
	if code != 255 || !strings.Contains(errOut, "Permission denied (publickey)") {
		t.Errorf("no key: exit %d, stderr %q", code, errOut)
	}
	if _, err := dial(r.addr, gossh.Password("hunter2")); err == nil {
		t.Error("a password was accepted")
	}
	if _, err := dial(r.addr, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })); err == nil {
		t.Error("keyboard-interactive was accepted without --public")
	}
	if recs := records(t, r.log); len(recs) != 0 {
		t.Errorf("refused clients logged %v", recs)
	}
	// The server's own log has a line for each refusal, naming the
	// stranger's key by its fingerprint only.
	// The server logs a failed login after the client has gone; the
	// deadline only keeps a broken server from hanging the test run.
	for end := time.Now().Add(20 * time.Second); strings.Count(r.events.String(), "refused") < 4 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	ev := r.events.String()
	for want, n := range map[string]int{
		`user "counter" key "` + gossh.FingerprintSHA256(stranger.signer.PublicKey()) + `" is not a staff key`: 1,
		// OpenSSH without a key, and the two Go clients, which do not try
		// what the server does not offer.
		": no key offered": 3,
	} {
		if got := strings.Count(ev, want); got != n {
			t.Errorf("the server's log holds %q %d times, want %d:\n%s", want, got, n, ev)
		}
	}
	if strings.Contains(ev, strings.Fields(stranger.line)[1]) {
		t.Error("the server's log holds the stranger's key itself")
	}
}

func TestPublicLetsAnyoneIn(t *testing.T) {
	r := start(t, Config{Public: true})
	// Without a key pair at all: keyboard-interactive, no questions.
	out, errOut, code := runSSH(t, sshClient(t, r, "-T", "-o", "PubkeyAuthentication=no", "customer@127.0.0.1"), answers)
	if code != 0 || !strings.Contains(out, "Resume code:") {
		t.Fatalf("no key: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	// With any key.
	k := newKey(t, "someone")
	out, errOut, code = runSSH(t, sshClient(t, r, "-T", "-i", k.file, "-o", "IdentitiesOnly=yes", "customer@127.0.0.1"), answers)
	if code != 0 || !strings.Contains(out, "Resume code:") {
		t.Fatalf("any key: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	recs := records(t, r.log)
	if len(recs) != 2 {
		t.Fatalf("log %v, want 2 records", recs)
	}
	for _, rec := range recs {
		if rec["public"] != true || rec["reference"] != nil || rec["counter"] != nil {
			t.Errorf("public record %v, want public and no reference", rec)
		}
	}
	// Passwords stay refused even here.
	if _, err := dial(r.addr, gossh.Password("x")); err == nil {
		t.Error("a password was accepted with --public")
	}
}

// Twenty sessions at once each reach their report, and the log holds
// exactly twenty whole records.
func TestConcurrentSessions(t *testing.T) {
	r := start(t, Config{Public: true, RateBurst: 40})
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := dial(r.addr, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }))
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				errs <- err
				return
			}
			// Half lean each way, so the records differ.
			s.Stdin = strings.NewReader(fmt.Sprintf("%d\n%d\n", i%2+1, i%2+1))
			out, err := s.Output("")
			if err != nil || !strings.Contains(string(out), "Resume code:") {
				errs <- fmt.Errorf("session %d: %v\n%s", i, err, out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	recs := records(t, r.log)
	if len(recs) != n {
		t.Fatalf("log holds %d records, want %d", len(recs), n)
	}
	hand := 0
	for _, rec := range recs {
		if rec["verdict"] == "hand" {
			hand++
		}
	}
	if hand != n/2 {
		t.Errorf("%d hand verdicts, want %d", hand, n/2)
	}
}
