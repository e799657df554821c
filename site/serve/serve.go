package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/kb-tools/kb/content"
	"github.com/kb-tools/kb/templates"
)

// DefaultAddr is where kb serve listens unless told otherwise: loopback
// only.
const DefaultAddr = "127.0.0.1:8080"

// Options says what to preview and where.
type Options struct {
	// Dir is the KB's root.
	Dir string
	// Addr is the address to listen on (DefaultAddr when empty).
	Addr string
	// Today is the day overdue items and stale runbooks are judged
	// against; zero means the current date.
	Today time.Time
	// NoGit leaves out each page's last change from git history.
	NoGit bool
	// Stdout gets the address and what each rebuild did; Stderr the notes
	// and problems. Nil writes nothing.
	Stdout, Stderr io.Writer
	// Ready, when set, is called with the address served once the first
	// site is up.
	Ready func(addr string)
	// Watch tunes the watcher (tests shorten its delays).
	Watch WatchOptions

	// started, when set (by tests of this package), is called once the
	// first site is up with what reads the snapshot served, so that a
	// test can compare sites without HTTP and the preview's additions.
	started func(current func() *Snapshot)
}

// Run previews the KB of opts.Dir until ctx is done: it builds the site
// in memory, serves it, and rebuilds what each change to the KB's files
// touches. It returns once the server, the watcher and the index are
// closed.
func Run(ctx context.Context, opts Options) error {
	out, errw := orDiscard(opts.Stdout), orDiscard(opts.Stderr)
	start := time.Now()
	p, err := newSession(opts)
	if err != nil {
		return err
	}
	defer p.close()
	if ctx.Err() != nil {
		return nil // stopped (Ctrl+C) while the site was built: serve nothing
	}
	addr := opts.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	ln, warning, err := listen(addr)
	if err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintln(errw, "kb serve: "+warning)
	}
	srv, err := newServer(serverOptions{Current: p.current, Search: SearchHandler(p.index.search), Templates: freshTemplates(p.kb.Files), AnyHost: warning != ""})
	if err != nil {
		ln.Close()
		return err
	}
	p.notify = srv.Notify
	httpServer := newHTTPServer(srv)
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	remove, err := WriteServeFile(opts.Dir, ln.Addr().String())
	if err != nil {
		fmt.Fprintf(errw, "kb serve: kb search will not find this server: %v\n", err)
		remove = func() error { return nil }
	}
	fmt.Fprintf(out, "kb serve: %d documents at %s (ready in %s); Ctrl+C stops\n", len(p.kb.Docs), url, time.Since(start).Round(time.Millisecond))
	if opts.started != nil {
		opts.started(p.current)
	}
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	err = p.start()
	if err == nil {
		err = p.loop(ctx, out, errw)
	}
	srv.Close()
	shutCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if serr := httpServer.Shutdown(shutCtx); err == nil && serr != nil {
		err = serr
	}
	if serr := <-served; err == nil && serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = serr
	}
	if rerr := remove(); err == nil && rerr != nil {
		err = rerr
	}
	return err
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// freshTemplates reads the KB's overrides of the preview's files through a
// new reader each time, which knows nothing of folders yet: a templates/
// folder made while kb serve runs is seen.
func freshTemplates(files *content.Files) templates.Overrides {
	return func(name string) ([]byte, string, error) { return files.Fresh().Templates(name) }
}
