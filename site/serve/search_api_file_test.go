package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteServeFile(t *testing.T) {
	root := t.TempDir()
	remove, err := WriteServeFile(root, "127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, filepath.FromSlash(ServeFile))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var sf serveFile
	if err := json.Unmarshal(data, &sf); err != nil || sf.Addr != "127.0.0.1:8080" || sf.PID != os.Getpid() {
		t.Errorf("file %s (%v), want this process at 127.0.0.1:8080", data, err)
	}
	for name, want := range map[string]os.FileMode{p: 0o600, filepath.Dir(p): 0o700 | os.ModeDir} {
		if fi, err := os.Stat(name); err != nil || fi.Mode().Perm()|fi.Mode()&os.ModeDir != want {
			t.Errorf("%s: mode %v (%v), want %v", name, fi.Mode(), err, want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Errorf("the .kb folder holds %d entries, want the file alone (no temporary file left)", len(entries))
	}
	if err := remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(p); !os.IsNotExist(err) {
		t.Errorf("the file is still there after remove (%v)", err)
	}
	if err := remove(); err != nil {
		t.Errorf("a second remove: %v", err)
	}
}

// A second write replaces the file whole; the remove of the first then
// leaves the second's file alone.
func TestServeFileRemoveLeavesAnotherWritersFile(t *testing.T) {
	root := t.TempDir()
	removeFirst, err := WriteServeFile(root, "127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteServeFile(root, "127.0.0.1:9090"); err != nil {
		t.Fatal(err)
	}
	if err := removeFirst(); err != nil {
		t.Fatal(err)
	}
	sf, found, err := readServeFile(root)
	if err != nil || !found || sf.Addr != "127.0.0.1:9090" {
		t.Errorf("after the first's remove: %+v, found %v, %v; want the second's file", sf, found, err)
	}
}

// A .kb that is a link out of the KB is never written through, nor read;
// a link inside the KB is followed.
func TestServeFileStaysInTheKB(t *testing.T) {
	outside := t.TempDir()
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
		ok    bool
		in    string // where the file is, when ok
	}{
		{"a .kb of its own", func(t *testing.T, root string) {}, true, ".kb"},
		{"an existing .kb", func(t *testing.T, root string) { mkdir(t, filepath.Join(root, ".kb")) }, true, ".kb"},
		{"a .kb linked inside the KB", func(t *testing.T, root string) {
			mkdir(t, filepath.Join(root, "state"))
			symlink(t, "state", filepath.Join(root, ".kb"))
		}, true, "state"},
		{"a .kb linked out by an absolute path", func(t *testing.T, root string) { symlink(t, outside, filepath.Join(root, ".kb")) }, false, ""},
		{"a .kb linked out by ..", func(t *testing.T, root string) {
			rel, err := filepath.Rel(root, outside)
			if err != nil {
				t.Fatal(err)
			}
			symlink(t, rel, filepath.Join(root, ".kb"))
		}, false, ""},
		{"a .kb that is a file", func(t *testing.T, root string) {
			if err := os.WriteFile(filepath.Join(root, ".kb"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, ""},
	}
	for _, tt := range tests {
		root := t.TempDir()
		tt.setup(t, root)
		_, err := WriteServeFile(root, "127.0.0.1:8080")
		if (err == nil) != tt.ok {
			t.Errorf("%s: error %v, want ok %v", tt.name, err, tt.ok)
		}
		if tt.ok {
			if _, err := os.Stat(filepath.Join(root, tt.in, "serve.json")); err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		if entries, _ := os.ReadDir(outside); len(entries) != 0 {
			t.Fatalf("%s: %d files written outside the KB", tt.name, len(entries))
		}
	}
	// A serve.json outside, reached through the link, is not read.
	root := t.TempDir()
	symlink(t, outside, filepath.Join(root, ".kb"))
	if err := os.WriteFile(filepath.Join(outside, "serve.json"), []byte(`{"addr":"127.0.0.1:1","pid":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if sf, found, err := readServeFile(root); found || err == nil {
		t.Errorf("read %+v through a link out of the KB (found %v, %v)", sf, found, err)
	}
}

func TestWriteServeFileRefusesABadAddress(t *testing.T) {
	for _, addr := range []string{"", "8080", "localhost"} {
		if _, err := WriteServeFile(t.TempDir(), addr); err == nil {
			t.Errorf("%q: no error", addr)
		}
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}
