package main

import (
	"bytes"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestQuoteRoundTrip checks that what quote and scalar write reads back
// as the same string.
func TestQuoteRoundTrip(t *testing.T) {
	for _, s := range []string{
		"", "plain", "KubePodCrashLooping", "true", "No", "null", "~", "1.5", "-x", "a: b", "#x",
		`up{alert="X"} == 0`, `{instance=~".+\\.example\\.com"}`, "tab\there", "line\nbreak", "\r\x00\x1b\x7f",
		"https://kb.example.com/alerts/{{ $labels.alertname }}/", "é ü 日本", "\u2028\u2029\u0085\ufeff", "'single'", "\\",
	} {
		for _, enc := range []func(string) string{quote, scalar} {
			var got string
			if err := yaml.Unmarshal([]byte("v: "+enc(s)+"\n"), &struct{ V *string }{&got}); err != nil {
				t.Fatalf("%q written as %s: %v", s, enc(s), err)
			}
			if got != s {
				t.Errorf("%q written as %s reads back as %q", s, enc(s), got)
			}
		}
	}
}

// TestRuleFile checks that a rule file reads back with its rules, and that
// -drop-url leaves out every Nth runbook_url counting from the first file.
func TestRuleFile(t *testing.T) {
	o := options{form: "github-blob", base: urlForms["github-blob"], dropURL: 3}
	groups := []group{
		{name: "cluster-monitoring-operator", alerts: []alert{
			{name: "KubePodCrashLooping", path: "alerts/cluster-monitoring-operator/KubePodCrashLooping.md", folder: "cluster-monitoring-operator"},
			{name: "etcdNoLeader", path: "alerts/cluster-monitoring-operator/etcdNoLeader.md", folder: "cluster-monitoring-operator"},
		}},
		{name: "extra", alerts: extraAlerts(0, 3)},
	}
	var buf bytes.Buffer
	st := writeRuleFile(&buf, "test", groups, o, 1)
	var file struct {
		Groups []struct {
			Name  string
			Rules []struct {
				Alert, Expr, For string
				Labels           map[string]string
				Annotations      map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(buf.Bytes(), &file); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	var names, noURL []string
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			names = append(names, r.Alert)
			if r.Annotations["runbook_url"] == "" {
				noURL = append(noURL, r.Alert)
			}
			if r.For != "5m" || r.Labels["severity"] == "" || r.Expr == "" {
				t.Errorf("rule %s: for %q, severity %q, expr %q", r.Alert, r.For, r.Labels["severity"], r.Expr)
			}
		}
	}
	if len(names) != 5 || st.rules != 5 {
		t.Fatalf("read %v, counted %d, want 5 rules", names, st.rules)
	}
	if len(noURL) != 2 || noURL[0] != "etcdNoLeader" || noURL[1] != "ExtraAlert0003" || st.noURL != 2 {
		t.Errorf("without runbook_url: %v (counted %d), want etcdNoLeader and ExtraAlert0003", noURL, st.noURL)
	}
	if got := file.Groups[0].Rules[0].Annotations["runbook_url"]; got != "https://github.com/openshift/runbooks/blob/master/alerts/cluster-monitoring-operator/KubePodCrashLooping.md" {
		t.Errorf("runbook_url %q", got)
	}
}

func TestIsAlertName(t *testing.T) {
	for name, want := range map[string]bool{
		"KubePodCrashLooping": true, "etcdNoLeader": true, "CPUThrottlingHigh": true, "ODFNodeMTULessThan9000": true,
		"Watchdog": false, "SSPDown": false, "README": false, "_index": false, "sre-to-engineering": false, "": false, "9Lives": false,
	} {
		if got := isAlertName(name); got != want {
			t.Errorf("isAlertName(%q) = %v, want %v", name, got, want)
		}
	}
}
