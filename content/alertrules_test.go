package content

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseAlertRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// rules are "Name@line:col severity url@line:col"; errs "line:col".
		rules []string
		errs  []string
	}{
		{
			name: "prometheus rule file",
			src: `groups:
  - name: node
    rules:
      - record: job:up:sum
        expr: sum(up)
      - alert: NodeDown
        expr: up == 0
        for: 5m
        labels:
          severity: critical
        annotations:
          runbook_url: https://kb.example.com/alerts/NodeDown/
      - alert: NodeSlow
        expr: rate(x[5m]) > 1
`,
			rules: []string{"NodeDown@6:16 critical https://kb.example.com/alerts/NodeDown/@12:24", "NodeSlow@13:16  @0:0"},
		},
		{
			name: "prometheus rule resource among other manifests",
			src: `apiVersion: v1
kind: ConfigMap
data: {a: b}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
  - name: etcd
    rules:
    - alert: EtcdNoLeader
      expr: etcd_server_has_leader == 0
      labels: {severity: page}
`,
			rules: []string{"EtcdNoLeader@11:14 page @0:0"},
		},
		{
			name: "two rule files in one stream",
			src: `groups: [{name: a, rules: [{alert: A1, expr: x}]}]
---
groups:
  - name: b
    rules:
      - alert: B1
        expr: y
`,
			rules: []string{"A1@1:36  @0:0", "B1@6:16  @0:0"},
		},
		{
			name: "rules kept beside bad ones",
			src: `groups:
  - "a group as text"
  - name: g
    rules:
      - just text
      - alert: ""
        expr: x
      - alert: Good
        expr: y
  - name: h
    rules: {alert: NotAList}
`,
			rules: []string{"Good@8:16  @0:0"},
			errs:  []string{"2:5", "5:9", "6:16", "11:12"},
		},
		{
			name:  "not YAML",
			src:   "groups:\n  - name: a\n    rules: [\n",
			errs:  []string{"4:1"},
			rules: nil,
		},
		{
			name: "no rule groups",
			src:  "scrape_configs:\n  - job_name: node\n",
			errs: []string{"1:1"},
		},
		{
			name:  "groups not a list",
			src:   "groups: node\n",
			errs:  []string{"1:9"},
			rules: nil,
		},
		{
			name:  "anchors and aliases",
			src:   "x: &labels {severity: critical}\ngroups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        labels: *labels\n",
			rules: []string{"A@5:16 critical @0:0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, errs := ParseAlertRules("rules.yaml", []byte(tt.src))
			var got []string
			for _, r := range rules {
				got = append(got, fmt.Sprintf("%s@%d:%d %s %s@%d:%d", r.Name, r.Pos.Line, r.Pos.Col, r.Severity, r.RunbookURL, r.RunbookURLPos.Line, r.RunbookURLPos.Col))
			}
			if strings.Join(got, "\n") != strings.Join(tt.rules, "\n") {
				t.Errorf("rules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.rules, "\n"))
			}
			var gotErrs []string
			for _, e := range errs {
				if e.Pos.File != "rules.yaml" || e.Kind != ErrorUnreadable {
					t.Errorf("error %v: file %q kind %v", e, e.Pos.File, e.Kind)
				}
				gotErrs = append(gotErrs, fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Col))
			}
			if strings.Join(gotErrs, " ") != strings.Join(tt.errs, " ") {
				t.Errorf("errors at %v, want %v: %v", gotErrs, tt.errs, errs)
			}
		})
	}
}

func TestAlertRulePages(t *testing.T) {
	for sev, want := range map[string]bool{"critical": true, "Page": true, "CRITICAL": true, "warning": false, "": false, "info": false} {
		if got := (&AlertRule{Severity: sev}).Pages(); got != want {
			t.Errorf("severity %q pages: %v, want %v", sev, got, want)
		}
	}
}
