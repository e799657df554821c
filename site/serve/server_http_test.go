package serve

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestListen(t *testing.T) {
	for _, tc := range []struct {
		addr    string
		warning bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"[::1]:0", false},
		{"0.0.0.0:0", true},
		{":0", true},
	} {
		ln, warning, err := listen(tc.addr)
		if err != nil {
			if strings.Contains(tc.addr, "::1") {
				t.Logf("%s: %v (no IPv6 loopback here)", tc.addr, err)
				continue
			}
			t.Fatalf("listen(%s): %v", tc.addr, err)
		}
		ln.Close()
		if (warning != "") != tc.warning {
			t.Errorf("listen(%s): warning %q, want one: %v", tc.addr, warning, tc.warning)
		}
	}
	if _, _, err := listen("127.0.0.1:notaport"); err == nil {
		t.Errorf("listen on a bad address: no error")
	}
}

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr net.Addr
		want bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, true},
		{&net.TCPAddr{IP: net.IPv4(127, 1, 2, 3)}, true},
		{&net.TCPAddr{IP: net.IPv6loopback}, true},
		{&net.TCPAddr{IP: net.IPv4zero}, false},
		{&net.TCPAddr{IP: net.IPv6unspecified}, false},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 2)}, false},
		{&net.UnixAddr{Name: "/tmp/x", Net: "unix"}, false},
	} {
		if got := isLoopback(tc.addr); got != tc.want {
			t.Errorf("isLoopback(%v) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}

func TestHTTPServerLimits(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler())
	d := defaultLimits()
	if srv.ReadHeaderTimeout != d.ReadHeaderTimeout || srv.ReadTimeout != d.ReadTimeout || srv.WriteTimeout != d.WriteTimeout ||
		srv.IdleTimeout != d.IdleTimeout || srv.MaxHeaderBytes != 64<<10 {
		t.Errorf("limits %v %v %v %v %d", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
	for _, v := range []time.Duration{d.ReadHeaderTimeout, d.ReadTimeout, d.WriteTimeout, d.IdleTimeout, d.StreamWriteTimeout, d.Heartbeat} {
		if v <= 0 {
			t.Errorf("a default timeout is %v", v)
		}
	}
}

// dialed opens a connection to the test server of s with limits l.
func dialed(t *testing.T, l limits) net.Conn {
	t.Helper()
	s, _ := newTestServer(t, newSnapshot(testSite(), 1), serverOptions{Limits: l})
	base := startServer(t, s, l)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second)) // a guard, not a bound
	return conn
}

func TestRequestLimits(t *testing.T) {
	small := limits{MaxHeaderBytes: 4 << 10, MaxURLBytes: 2 << 10}
	for _, tc := range []struct {
		name    string
		request string
		status  int
	}{
		{"ordinary", "GET / HTTP/1.1\r\nHost: kb\r\n\r\n", 200},
		{"header too large", "GET / HTTP/1.1\r\nHost: kb\r\nX-Big: " + strings.Repeat("a", 16<<10) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"URL too long", "GET /?q=" + strings.Repeat("a", 3<<10) + " HTTP/1.1\r\nHost: kb\r\n\r\n", http.StatusRequestURITooLong},
		{"path too long", "GET /" + strings.Repeat("a/", 1000) + " HTTP/1.1\r\nHost: kb\r\n\r\n", http.StatusRequestURITooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := dialed(t, small)
			if _, err := io.WriteString(conn, tc.request); err != nil {
				t.Fatal(err)
			}
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
		})
	}
}

// TestSlowHeader checks that a client that sends its header slowly (a
// slow loris) is cut off after ReadHeaderTimeout, while one that sends it
// at once is answered.
func TestSlowHeader(t *testing.T) {
	l := limits{ReadHeaderTimeout: 100 * time.Millisecond}
	conn := dialed(t, l)
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: kb\r\n"); err != nil {
		t.Fatal(err)
	}
	// Nothing more is sent: the server must close the connection well
	// before the guard deadline ends the read.
	_, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the connection is still open: the server waits for the header")
	}
	if err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("read: %v", err)
	}
	fresh := dialed(t, l)
	if _, err := io.WriteString(fresh, "GET / HTTP/1.1\r\nHost: kb\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(fresh), nil)
	if err != nil || res.StatusCode != 200 {
		t.Errorf("an ordinary request: %v %v", res, err)
	}
}
