package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Files is the one way kb reads the files of a KB: documents, kb.yaml,
// layouts, CODEOWNERS and the files documents link to. It reads regular
// files only, and follows a symbolic link only when its fully resolved
// target is a regular file inside the KB root, so that a pull request
// cannot make kb read (and publish) a file from elsewhere on the machine.
// It never blocks on a FIFO or a device: the kind of a file is checked
// before it is read. A Files may be used by several goroutines at once.
type Files struct {
	// root is the KB root as given; real is its absolute path with every
	// symbolic link resolved, which every file read must be inside.
	root, real string
	// dirs caches, per slash folder path, the folder's resolved path or
	// why it was not resolved.
	dirs sync.Map
}

// FileProblem says why Files did not read a file.
type FileProblem int

// The problems of a file that Files does not read.
const (
	// FileOutside is a path, or a symbolic link, that leads outside the KB.
	FileOutside FileProblem = iota + 1
	// FileNotRegular is a folder, FIFO, socket or device, or a link to one.
	FileNotRegular
	// FileLinkLoop is a symbolic link that leads back to itself.
	FileLinkLoop
	// FileDangling is a symbolic link to nothing.
	FileDangling
	// FileTooLarge is a file larger than the limit it is read with.
	FileTooLarge
	// FileUnreadable is a file the operating system does not let kb read.
	FileUnreadable
	// FileMissing is a path where there is no file.
	FileMissing
	// FileHidden is a symbolic link into a hidden folder or file of the
	// KB, such as .git, which kb does not read.
	FileHidden
)

// FileError is a file Files did not read. It names the path inside the KB
// only: never where a link leads, nor anything the file holds.
type FileError struct {
	// Path is the slash path inside the KB.
	Path    string
	Problem FileProblem
	// What names the kind of a file that is not regular ("a FIFO").
	What string
	// Limit is the size limit of a FileTooLarge, in bytes; LimitKey is the
	// kb.yaml key that raises it, if one does.
	Limit    int64
	LimitKey string
	// Err is the operating system's error, where there is one.
	Err error
}

// Error says what was skipped and why, in one line.
func (e *FileError) Error() string {
	switch e.Problem {
	case FileOutside:
		return "the path leads outside the KB; kb reads only the KB's own files"
	case FileHidden:
		return "a symbolic link into a hidden folder or file of the KB (such as .git), which kb does not read"
	case FileNotRegular:
		return fmt.Sprintf("%s, not a regular file; kb reads only regular files", e.What)
	case FileLinkLoop:
		return "a symbolic link that loops or cannot be followed"
	case FileDangling:
		return "a symbolic link to nothing"
	case FileMissing:
		return "no such file"
	case FileTooLarge:
		msg := fmt.Sprintf("file is larger than kb reads (%s)", formatBytes(e.Limit))
		if e.LimitKey != "" {
			msg += "; kb.yaml " + e.LimitKey + " raises the limit"
		}
		return msg
	default:
		msg := "cannot read the file"
		var pe *fs.PathError
		if errors.As(e.Err, &pe) {
			msg += ": " + pe.Err.Error()
		}
		return msg
	}
}

// Unwrap lets errors.Is see fs.ErrNotExist and the system's error.
func (e *FileError) Unwrap() error { return e.Err }

// formatBytes writes a size limit as people write one.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// OpenFiles returns the reader of the KB rooted at dir.
func OpenFiles(dir string) (*Files, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return &Files{root: dir, real: real}, nil
}

// Fresh returns a reader of the same KB that knows nothing of its folders
// yet: a reader keeps what it learnt of each folder (where it leads, or
// that it is missing), which a change to the KB's folders makes wrong.
func (f *Files) Fresh() *Files { return &Files{root: f.root, real: f.real} }

// Root returns the KB root as it was given.
func (f *Files) Root() string { return f.root }

// TemplateBytes is the largest template file (a layout, the stylesheet,
// an archetype) kb reads.
const TemplateBytes = 4 << 20

// Templates reads the KB's overrides of kb's templates, from its
// templates/ folder, for templates.Read; the path it gives is the file's
// under the KB root as given, for messages.
func (f *Files) Templates(name string) ([]byte, string, error) {
	data, err := f.ReadFile("templates/"+name, Limit{Bytes: TemplateBytes})
	return data, filepath.Join(f.root, "templates", filepath.FromSlash(name)), err
}

// Limit bounds how much of a file ReadFile reads.
type Limit struct {
	// Bytes is the largest size read; a larger file is a FileTooLarge.
	Bytes int64
	// Key is the kb.yaml key that sets Bytes, for the error; "" for none.
	Key string
}

// ReadFile reads the file at the slash path rel inside the KB. It returns
// a *FileError for a path it does not read: one that leads outside the KB,
// a file that is not regular, a link that loops or leads nowhere, a file
// over the limit; errors.Is(err, fs.ErrNotExist) holds for a missing file.
func (f *Files) ReadFile(rel string, limit Limit) ([]byte, error) {
	return f.read(rel, limit, nil)
}

// read is ReadFile, reading into *buf when buf is not nil (see readInto).
func (f *Files) read(rel string, limit Limit, buf *[]byte) ([]byte, error) {
	file, info, err := f.openStat(rel)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if !info.Mode().IsRegular() {
		return nil, &FileError{Path: rel, Problem: FileNotRegular, What: modeName(info.Mode())}
	}
	if info.Size() > limit.Bytes {
		return nil, &FileError{Path: rel, Problem: FileTooLarge, Limit: limit.Bytes, LimitKey: limit.Key}
	}
	data, err := readInto(file, info.Size(), limit.Bytes, buf)
	if errors.Is(err, errGrew) {
		return nil, &FileError{Path: rel, Problem: FileTooLarge, Limit: limit.Bytes, LimitKey: limit.Key}
	}
	if err != nil {
		return nil, &FileError{Path: rel, Problem: FileUnreadable, Err: err}
	}
	return data, nil
}

// Stat returns the information of the file or folder at rel, following
// a symbolic link only to a place inside the KB, as ReadFile does.
func (f *Files) Stat(rel string) (fs.FileInfo, error) {
	file, info, err := f.openStat(rel)
	if err != nil {
		return nil, err
	}
	file.Close()
	return info, nil
}

// openStat opens rel as open does and asks what it opened.
func (f *Files) openStat(rel string) (*os.File, fs.FileInfo, error) {
	file, err := f.open(rel)
	if err != nil {
		return nil, nil, err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, nil, &FileError{Path: rel, Problem: FileUnreadable, Err: err}
	}
	return file, info, nil
}

// RealPath returns the slash path of the KB's own file that rel leads to
// once the symbolic links on its way are followed, as reading follows them
// (each inside the KB): two links to one file give one path. It fails as
// ReadFile does for a path kb does not read.
func (f *Files) RealPath(rel string) (string, error) {
	file, err := f.open(rel)
	if err != nil {
		return "", err
	}
	name := file.Name()
	file.Close()
	r, err := filepath.Rel(f.real, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", &FileError{Path: rel, Problem: FileOutside}
	}
	return filepath.ToSlash(r), nil
}

// open opens rel for reading without following a link out of the KB and
// without blocking. The caller checks that what it opened is regular.
func (f *Files) open(rel string) (*os.File, error) {
	clean := path.Clean("/" + rel)[1:]
	if clean == "" || clean != rel && clean != strings.TrimPrefix(rel, "./") {
		return nil, &FileError{Path: rel, Problem: FileOutside}
	}
	if clean == ".git" || strings.HasPrefix(clean, ".git/") || strings.Contains(clean, "/.git/") {
		return nil, &FileError{Path: rel, Problem: FileHidden} // git's own files, its config's token among them
	}
	dir, err := f.resolveDir(path.Dir(clean))
	if err != nil {
		return nil, f.fileError(rel, err)
	}
	name := filepath.Join(dir, path.Base(clean))
	file, err := openNoFollow(name)
	if err != nil && isLinkRefusal(err) {
		// The last element is a symbolic link: follow it, a hop at a
		// time, only to a place inside the KB, then open that place.
		target, rerr := f.resolve(clean)
		if errors.Is(rerr, fs.ErrNotExist) {
			return nil, &FileError{Path: rel, Problem: FileDangling}
		}
		if rerr != nil {
			return nil, f.fileError(rel, rerr)
		}
		name = target
		file, err = openNoFollow(target)
	}
	if err != nil {
		return nil, f.openError(rel, name, err)
	}
	return file, nil
}

// resolveDir returns the resolved path of the slash folder dir of the KB,
// once per folder.
func (f *Files) resolveDir(dir string) (string, error) {
	if dir == "." {
		return f.real, nil
	}
	type resolved struct {
		path string
		err  error
	}
	if v, ok := f.dirs.Load(dir); ok {
		r := v.(resolved)
		return r.path, r.err
	}
	p, err := f.resolve(dir)
	f.dirs.Store(dir, resolved{p, err})
	return p, err
}

// Why resolve does not follow a link.
var (
	errOutside = errors.New("leads outside the KB")
	errHidden  = errors.New("leads into a hidden folder or file of the KB")
	errLoop    = errors.New("too many links")
)

// MaxLinkHops bounds the symbolic links kb follows for one path, as the
// kernel does.
const MaxLinkHops = 40

// resolve returns the path, free of symbolic links, that the slash path
// rel of the KB leads to. It follows links one element at a time and
// never looks at anything outside the KB: a link that leads out of it, by
// an absolute target or by "..", is refused (errOutside) without a look at
// where it points, so that kb's messages say nothing of the machine's
// other files. A link may not lead into a hidden element of the KB
// (.git/config holds a CI token), which kb never reads as a document.
func (f *Files) resolve(rel string) (string, error) {
	type element struct {
		name     string
		fromLink bool
	}
	var todo []element
	push := func(p string, fromLink bool) {
		parts := strings.Split(p, "/")
		add := make([]element, 0, len(parts)+len(todo))
		for _, name := range parts {
			add = append(add, element{name, fromLink})
		}
		todo = append(add, todo...)
	}
	push(rel, false)
	var done []string
	for hops := 0; len(todo) > 0; {
		e := todo[0]
		todo = todo[1:]
		switch {
		case e.name == "" || e.name == ".":
			continue
		case e.name == "..":
			if len(done) == 0 {
				return "", errOutside
			}
			done = done[:len(done)-1]
			continue
		case e.fromLink && strings.HasPrefix(e.name, "."):
			return "", errHidden
		}
		p := filepath.Join(f.real, filepath.Join(done...), e.name)
		info, err := os.Lstat(p)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = append(done, e.name)
			continue
		}
		if hops++; hops > MaxLinkHops {
			return "", errLoop
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		target = filepath.ToSlash(target)
		if filepath.IsAbs(target) || path.IsAbs(target) {
			inside, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(target)), filepath.ToSlash(f.real)+"/")
			if !ok {
				return "", errOutside
			}
			done, target = nil, inside
		}
		push(target, true)
	}
	return filepath.Join(f.real, filepath.Join(done...)), nil
}

// fileError turns an error of resolving or opening rel into a FileError.
func (f *Files) fileError(rel string, err error) error {
	switch {
	case errors.Is(err, errOutside):
		return &FileError{Path: rel, Problem: FileOutside}
	case errors.Is(err, errHidden):
		return &FileError{Path: rel, Problem: FileHidden}
	case errors.Is(err, errLoop) || isLinkRefusal(err):
		return &FileError{Path: rel, Problem: FileLinkLoop}
	case errors.Is(err, fs.ErrNotExist):
		return &FileError{Path: rel, Problem: FileMissing, Err: err}
	}
	return &FileError{Path: rel, Problem: FileUnreadable, Err: err}
}

// openError explains why name, the place of rel inside the KB, did not
// open: a socket, for one, does not open at all.
func (f *Files) openError(rel, name string, err error) error {
	if info, lerr := os.Lstat(name); lerr == nil && !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0 {
		return &FileError{Path: rel, Problem: FileNotRegular, What: modeName(info.Mode())}
	}
	return f.fileError(rel, err)
}

// modeName names the kind of a file that is not regular.
func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

var errGrew = errors.New("the file grew past its limit while it was read")

// readInto reads a file of the given size whole, into *buf when buf is
// not nil (the next call may overwrite it). A file that grows while it is
// read is read on up to limit bytes; past that it is errGrew.
func readInto(r io.Reader, size, limit int64, buf *[]byte) ([]byte, error) {
	var b []byte
	if buf != nil && int64(cap(*buf)) > size {
		b = (*buf)[:size+1]
	} else {
		b = make([]byte, size+1) // one byte more, to see the end of the file
		if buf != nil {
			*buf = b
		}
	}
	n, err := io.ReadFull(r, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if n < len(b) {
		return b[:n], nil
	}
	rest, err := io.ReadAll(io.LimitReader(r, limit-int64(n)+1))
	if err != nil {
		return nil, err
	}
	if int64(n+len(rest)) > limit {
		return nil, errGrew
	}
	return append(b, rest...), nil
}
