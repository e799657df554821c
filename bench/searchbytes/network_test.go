package main

import (
	"testing"

	"github.com/chromedp/cdproto/network"
)

func TestSettled(t *testing.T) {
	tests := []struct {
		name       string
		q          request
		headers    int64
		known      bool
		wire, body int64
		added      bool
	}{
		{"headers and body counted", request{encoded: 461, length: 255}, 206, true, 461, 255, false},
		{"headers alone counted", request{encoded: 206, length: 149}, 206, true, 355, 149, true},
		{"no raw headers seen", request{encoded: 206, length: 149}, 0, false, 206, 149, false},
		{"from the cache", request{encoded: 0, length: 149, Cached: true}, 0, false, 0, 0, false},
		{"no Content-Length", request{encoded: 300, length: -1}, 200, true, 300, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.q.settled(tt.headers, tt.known)
			if got.Wire != tt.wire || got.Body != tt.body || got.Added != tt.added {
				t.Errorf("wire %d body %d added %v, want %d %d %v", got.Wire, got.Body, got.Added, tt.wire, tt.body, tt.added)
			}
		})
	}
}

func TestContentLength(t *testing.T) {
	tests := []struct {
		headers network.Headers
		want    int64
	}{
		{network.Headers{"Content-Length": "149"}, 149},
		{network.Headers{"content-length": " 12 "}, 12},
		{network.Headers{"Content-Type": "text/html"}, -1},
		{network.Headers{"Content-Length": "many"}, -1},
	}
	for _, tt := range tests {
		if got := contentLength(tt.headers); got != tt.want {
			t.Errorf("contentLength(%v) = %d, want %d", tt.headers, got, tt.want)
		}
	}
}
