package index

import (
	"slices"
	"testing"
)

func TestAnalysis(t *testing.T) {
	a := Analyzer()
	tests := []struct {
		text string
		want []string
	}{
		{"KubePodCrashLooping", []string{"kubepodcrashloop", "kube", "pod", "crash", "loop"}},
		{"kube_pod_crash_looping", []string{"kubepodcrashloop", "kube", "pod", "crash", "loop"}},
		{"kube pod crash looping", []string{"kube", "pod", "crash", "loop"}},
		{"HTTPServer http2Server", []string{"httpserver", "http", "server", "http2server", "http2", "server"}},
		{"k8s sha256 __init__", []string{"k8", "sha256", "init"}},
		{"The team's disk filled", []string{"team", "disk", "fill"}},
		{"10.0.0.1 and 1,000 and 3.14.", []string{"10.0.0.1", "1,000", "3.14"}},
		{"api.example.com", []string{"apiexamplecom", "api", "exampl", "com"}},
		{"İstanbul ΣΊΣΥΦΟΣ", []string{"istanbul", "σίσυφος"}},
		{"数据 データ", []string{"数", "据", "データ"}},
		{"don't 'quoted' end.", []string{"quot", "end"}},
		{"x" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa y", []string{"y"}},
	}
	for _, tt := range tests {
		if got := Terms(a, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestIdentifierPartsArePhrasePositions(t *testing.T) {
	stream := Analyzer().Analyze([]byte("see KubePodCrashLooping now"))
	var got []int
	for _, tok := range stream {
		got = append(got, tok.Position)
	}
	// see=1; the whole name and "kube" share 2; pod, crash, loop follow; now.
	if want := []int{1, 2, 2, 3, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
}
