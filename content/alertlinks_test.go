package content

import (
	"strings"
	"testing"
)

func TestRunbookIndexResolveURL(t *testing.T) {
	docs := []*Doc{
		{Path: "runbooks/disk-full.md", ID: "disk-full", Kind: KindRunbook, Meta: Meta{Alerts: []string{"NodeDiskFull", "NodeDiskFilling"}}},
		{Path: "runbooks/kube/KubePodCrashLooping.md", ID: "kubepodcrashlooping", Kind: KindRunbook},
		{Path: "runbooks/etcd.md", ID: "etcd", Kind: KindRunbook},
		{Path: "runbooks/etcd-too.md", ID: "etcd-too", Kind: KindRunbook, Meta: Meta{Alerts: []string{"EtcdNoLeader"}}},
		{Path: "runbooks/etcd-also.md", ID: "etcd-also", Kind: KindRunbook, Meta: Meta{Alerts: []string{"EtcdNoLeader"}}},
		{Path: "postmortems/2026-01-01-disk.md", ID: "2026-01-01-disk", Kind: KindPostmortem},
	}
	x := NewRunbookIndex(docs, "https://kb.example.com/sre/")
	tests := []struct {
		url, alert string
		want       string // paths, space-separated
	}{
		{"https://kb.example.com/sre/alerts/{{ $labels.alertname }}/", "NodeDiskFull", "runbooks/disk-full.md"},
		{"https://kb.example.com/sre/alerts/{{$labels.alertname}}", "KubePodCrashLooping", "runbooks/kube/KubePodCrashLooping.md"},
		{"https://kb.example.com/sre/alerts/{{ .Labels.alertname }}/", "EtcdNoLeader", "runbooks/etcd-too.md runbooks/etcd-also.md"},
		{"https://kb.example.com/sre/runbooks/etcd/", "X", "runbooks/etcd.md"},
		{"/runbooks/disk-full/#checks", "X", "runbooks/disk-full.md"},
		{"https://github.com/acme/kb/blob/main/runbooks/etcd.md", "X", "runbooks/etcd.md"},
		{"https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping", "KubePodCrashLooping", "runbooks/kube/KubePodCrashLooping.md"},
		{"https://wiki.example.com/display/OPS/KubePodCrashLooping.html", "X", "runbooks/kube/KubePodCrashLooping.md"},
		{"https://wiki.example.com/display/OPS/NodeDown", "NodeDown", ""},
		{"https://kb.example.com/sre/postmortems/2026-01-01-disk/", "X", ""},
		{"https://kb.example.com/sre/", "X", ""},
		{"%zz", "X", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range x.ResolveURL(tt.url, tt.alert) {
			got = append(got, d.Path)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("ResolveURL(%q, %q) = %v, want %q", tt.url, tt.alert, got, tt.want)
		}
	}
	if got := x.Named("nodediskfilling"); len(got) != 1 || got[0].ID != "disk-full" {
		t.Errorf("Named(nodediskfilling) = %v", got)
	}
}

// TestRunbookIndexNamedByFile: an alert of one word finds the runbook of
// its file name, case and all, when no runbook lists it.
func TestRunbookIndexNamedByFile(t *testing.T) {
	docs := []*Doc{
		{Path: "runbooks/general/Watchdog.md", ID: "watchdog", Kind: KindRunbook},
		{Path: "runbooks/Overview.md", ID: "overview", Kind: KindRunbook, Meta: Meta{Alerts: []string{"NodeDown"}}},
	}
	x := NewRunbookIndex(docs, "")
	for _, tt := range []struct{ alert, want string }{
		{"Watchdog", "runbooks/general/Watchdog.md"},
		{"watchdog", ""}, // Prometheus names are case-sensitive
		{"Overview", ""}, // a runbook answers for its alerts: alone
		{"NodeDown", "runbooks/Overview.md"},
	} {
		var got []string
		for _, d := range x.Named(tt.alert) {
			got = append(got, d.Path)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Named(%q) = %v, want %q", tt.alert, got, tt.want)
		}
	}
}

func TestAlertNames(t *testing.T) {
	for _, tt := range []struct {
		doc  Doc
		want string
	}{
		{Doc{Path: "runbooks/KubePodCrashLooping.md", Kind: KindRunbook}, "KubePodCrashLooping"},
		{Doc{Path: "runbooks/etcdNoLeader/README.md", Kind: KindRunbook}, "etcdNoLeader"},
		{Doc{Path: "runbooks/KubePodCrashLooping.md", Kind: KindRunbook, Meta: Meta{Alerts: []string{"A", "B"}}}, "A B"},
		{Doc{Path: "runbooks/disk-full.md", Kind: KindRunbook}, ""},
		{Doc{Path: "runbooks/SSPDown.md", Kind: KindRunbook}, "SSPDown"},
		{Doc{Path: "runbooks/DNSErrors.md", Kind: KindRunbook}, "DNSErrors"},
		{Doc{Path: "runbooks/KubeAPIDown.md", Kind: KindRunbook}, "KubeAPIDown"},
		{Doc{Path: "runbooks/FAQs.md", Kind: KindRunbook}, ""},
		{Doc{Path: "runbooks/README.md", Kind: KindRunbook}, ""},
		{Doc{Path: "runbooks/Overview.md", Kind: KindRunbook}, ""},
		{Doc{Path: "runbooks/Watchdog.md", Kind: KindRunbook}, ""},
		{Doc{Path: "postmortems/KubePodCrashLooping.md", Kind: KindPostmortem}, ""},
	} {
		if got := strings.Join(tt.doc.AlertNames(), " "); got != tt.want {
			t.Errorf("%s: AlertNames = %q, want %q", tt.doc.Path, got, tt.want)
		}
	}
}
