package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFilesReadOnlyTheKBsRegularFiles checks the problem Files gives for
// each kind of path, and that what it reads is the file inside the KB.
func TestFilesReadOnlyTheKBsRegularFiles(t *testing.T) {
	base := t.TempDir()
	kb, outside := filepath.Join(base, "kb"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(kb, "docs", "deep"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		if err := os.Symlink(target, filepath.Join(kb, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(kb, "docs", "a.md"), "inside")
	write(filepath.Join(kb, "docs", "big.md"), "0123456789")
	write(filepath.Join(outside, "b.md"), "outside")
	link("a.md", "docs/same.md")
	link("../a.md", "docs/deep/up.md")
	link(filepath.Join(kb, "docs", "a.md"), "docs/absolute-inside.md")
	link(filepath.Join(outside, "b.md"), "docs/out.md")
	link("../../outside/b.md", "docs/climb.md")
	link(outside, "linked")
	link("loop2.md", "docs/loop1.md")
	link("loop1.md", "docs/loop2.md")
	link("none.md", "docs/dangling.md")
	link("/dev/zero", "docs/zero.md")
	link("/nonexistent/nothing.md", "docs/outside-missing.md")
	if err := os.MkdirAll(filepath.Join(kb, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(kb, ".git", "config"), "token")
	link("../.git/config", "docs/git.md")
	link(".git", "hidden")
	if err := syscall.Mkfifo(filepath.Join(kb, "docs", "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := OpenFiles(kb)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rel     string
		limit   int64
		want    string
		problem FileProblem
	}{
		{"docs/a.md", 100, "inside", 0},
		{"docs/same.md", 100, "inside", 0},
		{"docs/deep/up.md", 100, "inside", 0},
		{"docs/absolute-inside.md", 100, "inside", 0},
		{"docs/out.md", 100, "", FileOutside},
		{"docs/climb.md", 100, "", FileOutside},
		{"linked/b.md", 100, "", FileOutside},
		{"../outside/b.md", 100, "", FileOutside},
		{"/etc/passwd", 100, "", FileOutside},
		{"docs/loop1.md", 100, "", FileLinkLoop},
		{"docs/dangling.md", 100, "", FileDangling},
		{"docs/zero.md", 100, "", FileOutside},
		{"docs/outside-missing.md", 100, "", FileOutside},
		{"docs/git.md", 100, "", FileHidden},
		{"hidden/config", 100, "", FileHidden},
		{".git/config", 100, "", FileHidden},
		{"docs/fifo.md", 100, "", FileNotRegular},
		{"docs", 100, "", FileNotRegular},
		{"docs/none.md", 100, "", FileMissing},
		{"docs/big.md", 9, "", FileTooLarge},
		{"docs/big.md", 10, "0123456789", 0},
	} {
		data, err := files.ReadFile(tc.rel, Limit{Bytes: tc.limit})
		var fe *FileError
		switch {
		case tc.problem == 0 && (err != nil || string(data) != tc.want):
			t.Errorf("%s: %q, %v; want %q", tc.rel, data, err, tc.want)
		case tc.problem != 0 && (!errors.As(err, &fe) || fe.Problem != tc.problem || data != nil):
			t.Errorf("%s: %q, %v; want problem %d", tc.rel, data, err, tc.problem)
		case tc.problem == FileMissing && !errors.Is(err, fs.ErrNotExist):
			t.Errorf("%s: errors.Is(err, fs.ErrNotExist) is false for %v", tc.rel, err)
		}
	}
}

// TestFileLoadError checks the kind and message of each problem as a load
// error: skipped paths are warnings of their own kind, files kb could not
// read are unreadable, and no message names a path outside the KB. (CI
// runs as root, for whom no file is unreadable, so the mapping is tested
// here rather than on a file.)
func TestFileLoadError(t *testing.T) {
	denied := &fs.PathError{Op: "open", Path: "/abs/kb/postmortems/a.md", Err: syscall.EACCES}
	for _, tc := range []struct {
		err  error
		kind ErrorKind
		msg  string
	}{
		{&FileError{Path: "a.md", Problem: FileUnreadable, Err: denied}, ErrorUnreadable, "cannot read the file: permission denied"},
		{&FileError{Path: "a.md", Problem: FileTooLarge, Limit: 10 << 20, LimitKey: "limits.document_bytes"}, ErrorUnreadable,
			"file is larger than kb reads (10 MB); kb.yaml limits.document_bytes raises the limit"},
		{&FileError{Path: "a.md", Problem: FileOutside}, ErrorSkipped, "skipped: the path leads outside the KB; kb reads only the KB's own files"},
		{&FileError{Path: "a.md", Problem: FileHidden}, ErrorSkipped, "skipped: a symbolic link into a hidden folder or file of the KB (such as .git), which kb does not read"},
		{&FileError{Path: "a.md", Problem: FileNotRegular, What: "a FIFO"}, ErrorSkipped, "skipped: a FIFO, not a regular file; kb reads only regular files"},
		{&FileError{Path: "a.md", Problem: FileLinkLoop}, ErrorSkipped, "skipped: a symbolic link that loops or cannot be followed"},
		{&FileError{Path: "a.md", Problem: FileDangling}, ErrorSkipped, "skipped: a symbolic link to nothing"},
		{denied, ErrorUnreadable, "permission denied"},
	} {
		e := FileLoadError("a.md", tc.err)
		if e.Kind != tc.kind || e.Msg != tc.msg || e.Pos != (Pos{File: "a.md", Line: 1, Col: 1}) {
			t.Errorf("%v: %v kind %d %q; want kind %d %q", tc.err, e.Pos, e.Kind, e.Msg, tc.kind, tc.msg)
		}
	}
}
