package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"time"

	"github.com/kb-tools/kb/index"
)

// askTimeout bounds a whole question to a kb serve, from the connection
// to the last byte of its answer.
const askTimeout = 2 * time.Second

// maxAnswerBytes bounds what is read of an answer: MaxSearchHits hits
// with their snippets are well under a megabyte.
const maxAnswerBytes = 64 << 20

// AskErrorKind sorts the errors of Ask, so that callers tell them apart by
// kind, never by their text.
type AskErrorKind int

// The kinds of errors of Ask.
const (
	// AskBadFile: ServeFile is there but cannot be read.
	AskBadFile AskErrorKind = iota + 1
	// AskNotLoopback: ServeFile names an address that is not on this
	// machine's loopback; Ask connects to no other.
	AskNotLoopback
	// AskTooManyHits: the request asks for more than MaxSearchHits.
	AskTooManyHits
	// AskNoAnswer: the server took the connection but gave no whole
	// answer in time.
	AskNoAnswer
	// AskBadAnswer: what answered is not kb serve's search.
	AskBadAnswer
	// AskRefused: the server refused the request, or its search failed.
	AskRefused
)

// AskError is an error of Ask, with its kind.
type AskError struct {
	Kind AskErrorKind
	// Addr is the server's address, when ServeFile could be read.
	Addr string
	// Detail says what happened, for a person.
	Detail string
	// Err is the underlying error, if any.
	Err error
}

// Error implements the error interface.
func (e *AskError) Error() string {
	s := "asking the kb serve"
	if e.Addr != "" {
		s += " at " + e.Addr
	}
	s += ": " + e.Detail
	if e.Err != nil {
		s = fmt.Sprintf("%s: %v", s, e.Err)
	}
	return s
}

// Unwrap returns the underlying error.
func (e *AskError) Unwrap() error { return e.Err }

// Running reports whether ServeFile of the KB at root names a process
// that is alive: a kb serve may be answering searches there.
func Running(root string) bool {
	sf, found, err := readServeFile(root)
	return err == nil && found && processAlive(sf.PID)
}

// Ask runs req on the kb serve of the KB at root, if one is running: the
// one ServeFile names, when its process is alive and it listens on this
// machine's loopback. asked is false, with no error, when there is no
// server to ask: no ServeFile, the file of a process that has ended, or
// nothing listening at its address. A query the server cannot run is an
// *index.Error of kind BadQuery, as a local search gives; the other
// errors are *AskError. The whole question takes at most about 2 seconds.
func Ask(root string, req index.Request) (res index.Result, asked bool, err error) {
	sf, found, err := readServeFile(root)
	if err != nil {
		return index.Result{}, false, &AskError{Kind: AskBadFile, Detail: "cannot tell where it listens", Err: err}
	}
	if !found || !processAlive(sf.PID) {
		return index.Result{}, false, nil
	}
	addr, err := loopbackAddr(sf.Addr)
	if err != nil {
		return index.Result{}, false, &AskError{Kind: AskNotLoopback, Addr: sf.Addr, Detail: "kb search asks a server on this machine's loopback only", Err: err}
	}
	if req.N > MaxSearchHits {
		return index.Result{}, false, &AskError{Kind: AskTooManyHits, Addr: addr,
			Detail: fmt.Sprintf("it answers at most %d hits, and %d are asked for", MaxSearchHits, req.N)}
	}
	return askAt(addr, req, askTimeout)
}

// loopbackAddr returns the address to connect to for a server listening
// at addr: addr itself on a loopback address, the loopback of its family
// for an unspecified one (0.0.0.0 or ::, every interface); an error for
// any other.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return "", fmt.Errorf("%q is not an IP address", host)
	}
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return net.JoinHostPort(ip.String(), port), nil
	case ip.IsUnspecified() && ip.Is4():
		return net.JoinHostPort("127.0.0.1", port), nil
	case ip.IsUnspecified():
		return net.JoinHostPort("::1", port), nil
	}
	return "", fmt.Errorf("%s is not a loopback address", host)
}

// askAt sends req to the server at the loopback address addr and reads
// its answer, within timeout.
func askAt(addr string, req index.Request, timeout time.Duration) (index.Result, bool, error) {
	client := &http.Client{
		Timeout: timeout,
		// Straight to the address: no proxy, no redirect to elsewhere.
		Transport:     &http.Transport{Proxy: nil, DialContext: (&net.Dialer{Timeout: timeout}).DialContext, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	u := url.URL{Scheme: "http", Host: addr, Path: SearchPath, RawQuery: searchQuery(req).Encode()}
	resp, err := client.Get(u.String())
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return index.Result{}, false, nil // nothing listens there: the server has gone
	}
	if err != nil {
		return index.Result{}, false, &AskError{Kind: AskNoAnswer, Addr: addr, Detail: "no answer", Err: err}
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, maxAnswerBytes)
	if resp.StatusCode != http.StatusOK {
		return index.Result{}, false, answerError(addr, resp, body)
	}
	res, err := index.ReadJSON(body)
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return index.Result{}, false, &AskError{Kind: AskNoAnswer, Addr: addr, Detail: "no whole answer", Err: err}
	case err != nil:
		return index.Result{}, false, &AskError{Kind: AskBadAnswer, Addr: addr, Detail: "the answer is not a search result", Err: err}
	}
	return res, true, nil
}

// searchQuery is the query string of req for SearchPath.
func searchQuery(req index.Request) url.Values {
	v := url.Values{}
	if req.Query != "" {
		v.Set("q", req.Query)
	}
	facets := [...][]string{req.Kind, req.Severity, req.Service, req.Tag, req.Owner}
	for i, name := range searchFacetParams {
		for _, value := range facets[i] {
			v.Add(name, value)
		}
	}
	if req.N > 0 {
		v.Set("n", strconv.Itoa(req.N))
	}
	return v
}

// answerError is the error of an error answer: the server's own for a
// query it cannot run.
func answerError(addr string, resp *http.Response, body io.Reader) error {
	var e searchErrorJSON
	if err := json.NewDecoder(body).Decode(&e); err != nil || e.Kind == "" {
		return &AskError{Kind: AskBadAnswer, Addr: addr, Detail: "it answered " + resp.Status + ", not a search result"}
	}
	if e.Kind == errBadQuery {
		return &index.Error{Kind: index.BadQuery, Detail: e.Error}
	}
	return &AskError{Kind: AskRefused, Addr: addr, Detail: "it answered " + resp.Status, Err: errors.New(e.Error)}
}
