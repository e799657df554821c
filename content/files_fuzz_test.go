package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fuzzSecret is the text of every file outside the KB of FuzzFileTree.
const fuzzSecret = "FUZZ-OUTSIDE-SECRET"

// treeNames are the paths a fuzzed tree puts things at, and treeTargets
// where its links may lead (inside, outside, devices, themselves).
var (
	treeNames = []string{
		"kb.yaml", "CODEOWNERS", "postmortems/a.md", "postmortems/b.md", "runbooks/c.md",
		"runbooks/deep/d.md", "templates/layouts/postmortem.html", "templates", "postmortems/sub", "e.md",
	}
	treeTargets = []string{
		"a.md", "../runbooks/c.md", "deep", ".", "..", "../..", "../../outside/secret.md",
		"@outside/secret.md", "@outside", "@outside/fifo.md", "/dev/zero", "/dev/urandom", "self", "missing.md",
	}
)

// buildFuzzTree makes, under kb, the tree the bytes of ops describe: each
// step is an operation, a name and a target or a length of text.
func buildFuzzTree(t *testing.T, kb, outside string, ops []byte) {
	for len(ops) >= 3 {
		op, name, arg := ops[0]%5, treeNames[int(ops[1])%len(treeNames)], ops[2]
		ops = ops[3:]
		p := filepath.Join(kb, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			continue // a file already stands where a folder would
		}
		switch op {
		case 0: // a regular file
			n := min(int(arg), len(ops))
			writeFreshFile(p, append([]byte("---\ntitle: T\n---\n# H\n"), ops[:n]...), 0o644)
			ops = ops[n:]
		case 1: // a link
			target := treeTargets[int(arg)%len(treeTargets)]
			switch {
			case target == "self":
				target = filepath.Base(p)
			case strings.HasPrefix(target, "@"):
				target = filepath.Join(outside, target[1:])
			}
			_ = os.Symlink(target, p)
		case 2: // a FIFO
			_ = syscall.Mkfifo(p, 0o644)
		case 3: // a folder
			_ = os.MkdirAll(p, 0o755)
		case 4: // a file that cannot be read by others
			writeFreshFile(p, []byte("# locked\n"), 0o000)
		}
	}
}

// writeFreshFile writes a file that does not exist yet: never into a FIFO made
// before, which would block the writer.
func writeFreshFile(p string, data []byte, perm os.FileMode) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return
	}
	_, _ = f.Write(data)
	_ = f.Close()
}

// FuzzFileTree builds trees of regular files, links inside and outside the
// KB, FIFOs, folders and devices, and checks that loading them never reads
// a file outside the KB and never hangs.
func FuzzFileTree(f *testing.F) {
	f.Add([]byte{1, 2, 6, 1, 0, 7, 2, 4, 0})
	f.Add([]byte{1, 7, 8, 1, 8, 10, 1, 3, 11, 2, 5, 0})
	f.Add([]byte{0, 2, 4, 'a', 'b', 'c', 'd', 1, 3, 0, 1, 6, 9, 1, 7, 12})
	f.Add([]byte{1, 0, 6, 1, 1, 7, 1, 9, 5, 1, 8, 4})
	f.Fuzz(func(t *testing.T, ops []byte) {
		base := t.TempDir()
		kb, outside := filepath.Join(base, "kb"), filepath.Join(base, "outside")
		for _, dir := range []string{kb, filepath.Join(outside, "templates", "layouts")} {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		secretDoc := []byte("---\ntitle: " + fuzzSecret + "\n---\n# " + fuzzSecret + "\n")
		for _, name := range []string{"secret.md", "kb.yaml", "CODEOWNERS", "templates/layouts/postmortem.html"} {
			if err := os.WriteFile(filepath.Join(outside, name), secretDoc, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := syscall.Mkfifo(filepath.Join(outside, "fifo.md"), 0o644); err != nil {
			t.Skip(err)
		}
		buildFuzzTree(t, kb, outside, ops)

		done := make(chan []string, 1)
		go func() { done <- readFuzzTree(t, kb) }()
		select {
		case seen := <-done:
			for _, s := range seen {
				if strings.Contains(s, fuzzSecret) {
					t.Fatalf("read a file outside the KB: %q", s)
				}
			}
		case <-time.After(10 * time.Second):
			t.Fatal("loading the tree did not finish within 10 s")
		}
	})
}

// readFuzzTree loads the KB and reads every name of the tree through
// Files, returning all the text kb took from them.
func readFuzzTree(t *testing.T, kb string) []string {
	k, err := Load(kb)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, d := range k.Docs {
		seen = append(seen, string(d.Source), d.Title)
	}
	for _, e := range k.Errors {
		seen = append(seen, e.Excerpt())
	}
	for _, name := range treeNames {
		data, err := k.Files.ReadFile(name, Limit{Bytes: 1 << 20})
		seen = append(seen, string(data))
		if err != nil {
			seen = append(seen, err.Error())
		}
		data, _, _ = k.Files.Templates(strings.TrimPrefix(name, "templates/"))
		seen = append(seen, string(bytes.Clone(data)))
	}
	return seen
}
