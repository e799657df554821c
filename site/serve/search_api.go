package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/index"
)

// SearchPath is where kb serve answers searches.
const SearchPath = "/_kb/search"

// MaxSearchHits is the most hits one request to SearchPath returns: a
// larger n is cut to it.
const MaxSearchHits = 1000

// The facet parameters of SearchPath, each for the facet of kb search's
// flag of the same name.
var searchFacetParams = [...]string{"kind", "severity", "service", "tag", "owner"}

// searchErrorKind names, in an error answer of SearchPath, why the request
// was refused; the client tells errors apart by it.
type searchErrorKind string

// The kinds of error answers.
const (
	errBadRequest   searchErrorKind = "bad_request"   // a query string that cannot be read
	errNoQuery      searchErrorKind = "no_query"      // neither q nor a facet filter
	errBadN         searchErrorKind = "bad_n"         // n is not one whole number of at least 1
	errBadQuery     searchErrorKind = "bad_query"     // index.BadQuery: q cannot be run
	errMethod       searchErrorKind = "method"        // not GET or HEAD
	errSearchFailed searchErrorKind = "search_failed" // the search failed on the server's side
)

// searchErrorJSON is the body of an error answer.
type searchErrorJSON struct {
	Error string          `json:"error"`
	Kind  searchErrorKind `json:"kind"`
}

// SearchHandler answers GET SearchPath?q=...&kind=&severity=&service=&tag=&owner=&n=
// from search with the JSON of kb search --json (index.WriteJSON). The
// parameters mean what kb search's arguments and flags mean: q is the
// query (several q are joined by spaces, as kb search joins its words;
// search reads the first index.MaxQueryWords words), each facet parameter
// may be repeated or hold several values separated by commas, and n is
// how many hits to return (index.DefaultHits without it, at most
// MaxSearchHits). A request that cannot be run is answered with a status
// 400 (405 for a method other than GET and HEAD, 500 for a failed search)
// and a JSON body {"error": "...", "kind": "..."}.
//
// The handler calls search from the goroutine of each request: search
// must be safe to call from several at once.
func SearchHandler(search func(index.Request) (index.Result, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeSearchError(w, http.StatusMethodNotAllowed, errMethod, r.Method+" is not allowed: ask with GET")
			return
		}
		req, kind, err := parseSearchRequest(r.URL.RawQuery)
		if err != nil {
			writeSearchError(w, http.StatusBadRequest, kind, err.Error())
			return
		}
		res, err := search(req)
		var ie *index.Error
		switch {
		case errors.As(err, &ie) && ie.Kind == index.BadQuery:
			writeSearchError(w, http.StatusBadRequest, errBadQuery, err.Error())
			return
		case err != nil:
			writeSearchError(w, http.StatusInternalServerError, errSearchFailed, err.Error())
			return
		}
		var body bytes.Buffer
		if err := index.WriteJSON(&body, res); err != nil {
			writeSearchError(w, http.StatusInternalServerError, errSearchFailed, err.Error())
			return
		}
		writeJSONBody(w, http.StatusOK, body.Bytes())
	})
}

// parseSearchRequest reads the request of a query string, or says why it
// cannot, with the kind of error answer.
func parseSearchRequest(raw string) (index.Request, searchErrorKind, error) {
	params, err := url.ParseQuery(raw)
	if err != nil {
		return index.Request{}, errBadRequest, fmt.Errorf("cannot read the query string: %v", err)
	}
	req := index.Request{Query: strings.Join(params["q"], " "), N: index.DefaultHits}
	facets := [...]*[]string{&req.Kind, &req.Severity, &req.Service, &req.Tag, &req.Owner}
	for i, name := range searchFacetParams {
		*facets[i] = splitValues(params[name])
	}
	if strings.TrimSpace(req.Query) == "" && len(req.Kind)+len(req.Severity)+len(req.Service)+len(req.Tag)+len(req.Owner) == 0 {
		return index.Request{}, errNoQuery, errors.New("needs a query q (or a filter such as severity=SEV1)")
	}
	if ns := params["n"]; len(ns) > 0 {
		n, err := parseHits(ns)
		if err != nil {
			return index.Request{}, errBadN, err
		}
		req.N = n
	}
	return req, "", nil
}

// parseHits reads the n parameter: one whole number of at least 1, cut to
// MaxSearchHits.
func parseHits(ns []string) (int, error) {
	if len(ns) > 1 {
		return 0, fmt.Errorf("n is given %d times: give it once", len(ns))
	}
	n, err := strconv.Atoi(strings.TrimSpace(ns[0]))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("n=%q: give a whole number of at least 1", ns[0])
	}
	return min(n, MaxSearchHits), nil
}

// splitValues returns the values of a facet parameter, each split at its
// commas and trimmed, the empty ones left out, as kb search reads its
// facet flags.
func splitValues(params []string) []string {
	var out []string
	for _, p := range params {
		for _, v := range strings.Split(p, ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// writeSearchError answers with an error of the given status and kind.
func writeSearchError(w http.ResponseWriter, status int, kind searchErrorKind, msg string) {
	body, err := json.Marshal(searchErrorJSON{Error: msg, Kind: kind})
	if err != nil {
		http.Error(w, msg, status)
		return
	}
	writeJSONBody(w, status, append(body, '\n'))
}

// writeJSONBody answers with a JSON body, never cached: the next search
// may find the KB changed.
func writeJSONBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(body)
}
