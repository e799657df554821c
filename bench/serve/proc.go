package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is one running kb serve or hugo server.
type server struct {
	name    string
	url     string // http://127.0.0.1:PORT
	cmd     *exec.Cmd
	started time.Time
	log     *os.File
	exited  chan struct{}

	mu  sync.Mutex
	gcs []gcLine // the collections reported on stderr under gctrace
}

// gcLine is what one line of GODEBUG=gctrace=1 says.
type gcLine struct {
	at     time.Time
	liveMB int // the heap marked live: Z of "X->Y->Z MB"
	forced bool
}

// kind says how to start each server under test.
type kind struct {
	name string
	args func(dir string, port int) []string
}

func kbKind(bin string) kind {
	return kind{name: "kb serve", args: func(dir string, port int) []string {
		return []string{bin, "serve", "--dir", dir, "--addr", "127.0.0.1:" + strconv.Itoa(port)}
	}}
}

func hugoKind(bin string, extra []string) kind {
	return kind{name: "hugo server", args: func(dir string, port int) []string {
		args := []string{bin, "server", "--source", dir, "--bind", "127.0.0.1", "--port", strconv.Itoa(port)}
		return append(args, extra...)
	}}
}

// start runs k on dir, its output in a log file of its own, and reads the
// collector's lines from its stderr.
func start(k kind, dir string, env ...string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	log, err := os.CreateTemp("", "bench-serve-*.log")
	if err != nil {
		return nil, err
	}
	args := k.args(dir, port)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = log
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	s := &server{name: k.name, url: "http://127.0.0.1:" + strconv.Itoa(port), cmd: cmd, log: log, exited: make(chan struct{})}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go s.readStderr(stderr)
	return s, nil
}

var gcPattern = regexp.MustCompile(`^gc \d+ @[0-9.]+s .* (\d+)->(\d+)->(\d+) MB`)

// parseGC reads a gctrace line; ok is false for any other line.
func parseGC(line string) (live int, forced, ok bool) {
	m := gcPattern.FindStringSubmatch(line)
	if m == nil {
		return 0, false, false
	}
	live, _ = strconv.Atoi(m[3])
	return live, strings.HasSuffix(strings.TrimSpace(line), "(forced)"), true
}

// readStderr copies the server's stderr to its log, keeping the
// collector's lines, and marks the process gone at its end.
func (s *server) readStderr(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if live, forced, ok := parseGC(line); ok {
			s.mu.Lock()
			s.gcs = append(s.gcs, gcLine{at: time.Now(), liveMB: live, forced: forced})
			s.mu.Unlock()
			continue
		}
		fmt.Fprintln(s.log, line)
	}
	s.cmd.Wait()
	close(s.exited)
}

// gcAfter waits for the first collection reported after t, up to
// timeout: the Go runtime forces one every two minutes.
func (s *server) gcAfter(t time.Time, timeout time.Duration) (gcLine, bool) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		for _, g := range s.gcs {
			if g.at.After(t) {
				s.mu.Unlock()
				return g, true
			}
		}
		s.mu.Unlock()
		time.Sleep(100 * time.Millisecond)
	}
	return gcLine{}, false
}

// rssMB is the resident memory of the process, from /proc.
func (s *server) rssMB() (int, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", s.cmd.Process.Pid)
}

// waitOK polls path every 10 ms until it answers 200, and returns the
// time from the process's start.
func (s *server) waitOK(path string, timeout time.Duration) (time.Duration, error) {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := s.started.Add(timeout)
	for {
		resp, err := client.Get(s.url + path)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(s.started), nil
			}
		}
		select {
		case <-s.exited:
			return 0, fmt.Errorf("%s exited before %s answered (log %s)", s.name, path, s.log.Name())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%s: no 200 from %s in %s", s.name, path, timeout)
		}
	}
}

// stop sends SIGTERM and waits up to grace for the process to end, then
// kills it; it returns how long the process took to go, and whether it
// went by itself.
func (s *server) stop(grace time.Duration) (time.Duration, bool) {
	t := time.Now()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		s.log.Close()
		return time.Since(t), true
	case <-time.After(grace):
	}
	s.cmd.Process.Kill()
	<-s.exited
	s.log.Close()
	return time.Since(t), false
}

// freePort returns a loopback port that nothing listens on now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// loadavg is the first three fields of /proc/loadavg (1, 5 and 15
// minutes), as uptime prints them.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
