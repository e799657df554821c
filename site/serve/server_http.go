package serve

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// limits bound what one client may cost the preview server.
type limits struct {
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are
	// http.Server's. WriteTimeout bounds ordinary responses; event
	// streams move their deadline on at every write (StreamWriteTimeout).
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// MaxHeaderBytes is http.Server's bound of a request's header; a
	// larger one gets 431.
	MaxHeaderBytes int
	// MaxURLBytes bounds a request's target; a longer one gets 414.
	MaxURLBytes int
	// MaxStreams bounds the open event streams; the next one gets 503.
	MaxStreams int
	// StreamBuffer is how many events a stream may lag behind before it
	// is dropped.
	StreamBuffer int
	// StreamWriteTimeout bounds one write to an event stream.
	StreamWriteTimeout time.Duration
	// Heartbeat is the time between the comments that keep an idle
	// stream open through proxies.
	Heartbeat time.Duration
	// Retry is the reconnection delay the streams ask browsers for.
	Retry time.Duration
}

// defaultLimits are the limits of kb serve.
func defaultLimits() limits {
	return limits{
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second,
		MaxHeaderBytes: 64 << 10, MaxURLBytes: 8 << 10,
		MaxStreams: 64, StreamBuffer: 16, StreamWriteTimeout: 10 * time.Second,
		Heartbeat: 15 * time.Second, Retry: time.Second,
	}
}

// withDefaults returns l with its zero fields set to the defaults.
func (l limits) withDefaults() limits {
	d := defaultLimits()
	setDuration(&l.ReadHeaderTimeout, d.ReadHeaderTimeout)
	setDuration(&l.ReadTimeout, d.ReadTimeout)
	setDuration(&l.WriteTimeout, d.WriteTimeout)
	setDuration(&l.IdleTimeout, d.IdleTimeout)
	setDuration(&l.StreamWriteTimeout, d.StreamWriteTimeout)
	setDuration(&l.Heartbeat, d.Heartbeat)
	setDuration(&l.Retry, d.Retry)
	setInt(&l.MaxHeaderBytes, d.MaxHeaderBytes)
	setInt(&l.MaxURLBytes, d.MaxURLBytes)
	setInt(&l.MaxStreams, d.MaxStreams)
	setInt(&l.StreamBuffer, d.StreamBuffer)
	return l
}

func setDuration(v *time.Duration, d time.Duration) {
	if *v <= 0 {
		*v = d
	}
}

func setInt(v *int, d int) {
	if *v <= 0 {
		*v = d
	}
}

// newHTTPServer returns the http.Server of kb serve for h, with the
// default limits.
func newHTTPServer(h http.Handler) *http.Server {
	return newHTTPServerWith(h, defaultLimits())
}

// newHTTPServerWith returns an http.Server for h with the header and
// request limits and timeouts of l. When h has a Close method (the
// preview's server does), Shutdown calls it, which ends the event
// streams that would otherwise keep Shutdown waiting.
func newHTTPServerWith(h http.Handler, l limits) *http.Server {
	l = l.withDefaults()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
	}
	if c, ok := h.(interface{ Close() }); ok {
		srv.RegisterOnShutdown(c.Close)
	}
	return srv
}

// listen opens addr for the preview. The warning is not empty when addr
// is not a loopback address: the preview is then open to the network.
func listen(addr string) (ln net.Listener, warning string, err error) {
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	if !isLoopback(ln.Addr()) {
		warning = fmt.Sprintf("kb serve listens on %s, which is not a loopback address: anyone who can reach it can read the KB's preview", ln.Addr())
	}
	return ln, warning, nil
}

// isLoopback reports whether a listener's address is a loopback one
// (127.0.0.0/8 or ::1); the unspecified address (all interfaces) is not.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
