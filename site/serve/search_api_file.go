package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"

	"github.com/kb-tools/kb/index"
)

// ServeFile is where a running kb serve says where it listens, as a slash
// path below the KB root: kb search reads it to ask the server when the
// server holds the index.
const ServeFile = index.StateDir + "/serve.json"

// maxServeFileBytes bounds what is read of ServeFile: its JSON is a few
// dozen bytes.
const maxServeFileBytes = 4096

// serveFile is the JSON of ServeFile.
type serveFile struct {
	// Addr is the host:port the server listens on.
	Addr string `json:"addr"`
	// PID is the server's process.
	PID int `json:"pid"`
}

// WriteServeFile writes ServeFile in the KB at root, saying that this
// process serves the KB at addr (the host:port of its listener), and
// returns the function that removes the file again. The file is written
// whole or not at all (a temporary file renamed over it), readable by its
// owner only; the .kb folder is made (owner only) when missing. Nothing is
// written through a symbolic link that leads out of the KB (a .kb that
// links elsewhere is an error). remove takes the file away only while it
// is still the one written here, and may be called more than once.
func WriteServeFile(root, addr string) (remove func() error, err error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("writing %s: the address %q is not host:port: %w", ServeFile, addr, err)
	}
	data, err := json.Marshal(serveFile{Addr: addr, PID: os.Getpid()})
	if err != nil {
		return nil, err
	}
	data = append(data, '\n')
	if err := writeInKB(root, ServeFile, data); err != nil {
		return nil, fmt.Errorf("writing %s: %w", ServeFile, err)
	}
	return func() error {
		if err := removeIfSame(root, ServeFile, data); err != nil {
			return fmt.Errorf("removing %s: %w", ServeFile, err)
		}
		return nil
	}, nil
}

// writeInKB writes data to the slash path rel below root, through a
// temporary file in the same folder that is then renamed, and never
// outside root. The folder is made (mode 0700) when missing.
func writeInKB(root, rel string, data []byte) (err error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	dir := path.Dir(rel)
	if err := r.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if fi, err := r.Stat(dir); err != nil {
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	tmp := rel + "." + rand.Text() + ".tmp"
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			r.Remove(tmp)
		}
	}()
	_, werr := f.Write(data)
	if serr := f.Sync(); werr == nil {
		werr = serr
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return werr
	}
	return r.Rename(tmp, rel)
}

// removeIfSame removes the file rel below root if it holds data; a file
// that is gone, or that another process wrote since, is left as it is.
func removeIfSame(root, rel string, data []byte) error {
	r, err := os.OpenRoot(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer r.Close()
	got, err := readSmallFile(r, rel, maxServeFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil || !bytes.Equal(got, data) {
		return err
	}
	if err := r.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// readServeFile reads ServeFile of the KB at root; found is false when
// there is none.
func readServeFile(root string) (sf serveFile, found bool, err error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return serveFile{}, false, err
	}
	defer r.Close()
	data, err := readSmallFile(r, ServeFile, maxServeFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return serveFile{}, false, nil
	}
	if err != nil {
		return serveFile{}, false, fmt.Errorf("reading %s: %w", ServeFile, err)
	}
	if err := json.Unmarshal(data, &sf); err != nil {
		return serveFile{}, false, fmt.Errorf("reading %s: %w", ServeFile, err)
	}
	return sf, true, nil
}

// readSmallFile reads the regular file rel of r, of at most limit bytes,
// never through a symbolic link in its last element and never waiting on
// a FIFO or a device put in its place.
func readSmallFile(r *os.Root, rel string, limit int64) ([]byte, error) {
	f, err := r.OpenFile(rel, readFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}
