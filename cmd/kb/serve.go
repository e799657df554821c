package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/kb-tools/kb/site/serve"
)

func serveCommand() *command {
	var dir, addr *string
	var open *bool
	var today *string
	return &command{
		name:     "serve",
		examples: []string{"kb serve", "kb serve --open", "kb serve --dir kb --addr 127.0.0.1:9000 --today 2026-11-21"},
		summary:  "preview the KB: serve its site from memory, rebuild what each save changes, reload open pages, show lint findings and errors in the page",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			addr = fs.String("addr", serve.DefaultAddr, "the `HOST:PORT` to listen on; loopback unless told otherwise")
			open = fs.Bool("open", false, "open the site in the browser once it is served")
			today = fs.String("today", "", "judge overdue and stale dates against `YYYY-MM-DD` (default today)")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return c.usageError(stderr, "takes no arguments; use --dir for the KB root")
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			var day time.Time
			if *today != "" {
				if day, err = time.Parse("2006-01-02", *today); err != nil {
					return c.usageError(stderr, "--today %q is not YYYY-MM-DD", *today)
				}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			opts := serve.Options{Dir: root, Addr: *addr, Today: day, Stdout: flushing{stdout}, Stderr: stderr}
			if *open {
				opts.Ready = func(addr string) { openBrowser("http://"+addr+"/", stderr) }
			}
			if err := serve.Run(ctx, opts); err != nil {
				return c.fail(stderr, err)
			}
			return exitOK
		},
	}
}

// openBrowser opens url in the desktop's browser, or says how to.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "kb serve: could not open a browser (%v); open %s\n", err, url)
		return
	}
	go cmd.Wait()
}

// flushing writes each line of a long-running command out at once, through
// a buffered standard output.
type flushing struct{ w io.Writer }

func (f flushing) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if fl, ok := f.w.(interface{ Flush() error }); ok && err == nil {
		err = fl.Flush()
	}
	return n, err
}
