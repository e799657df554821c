// Command alertrules writes Prometheus rule files for a KB, to check with
// `kb lint --alert-rules` and to time it.
//
// From a collection of one runbook per alert, whose files are named after
// the alerts (alerts/<component>/KubePodCrashLooping.md), it writes one
// alerting rule per such runbook, a group per folder, to stdout or FILE:
//
//	go run ./bench/alertrules -from-runbooks DIR [-url-form FORM] [-url-base URL]
//	    [-drop-url N] [-extra N] [-o FILE]
//
// For a KB written by cmd/kbgen, whose runbooks list their alerts in front
// matter (alerts:), it writes N rules, for the runbooks' alerts and for
// invented ones when they are too few, in groups of -group rules and files
// of -per-file rules (OUT/rules-001.yaml, ..., replacing the rules-NNN.yaml
// files of an earlier run):
//
//	go run ./cmd/kbgen -n 10000 -seed 1 /tmp/kbgen10k
//	go run ./bench/alertrules -n 2000 -kb /tmp/kbgen10k -out /tmp/kbgen10k-rules
//
// FORM is how each rule's annotations.runbook_url is written:
//
//	github-blob    https://github.com/openshift/runbooks/blob/master/<path from DIR>
//	prom-operator  https://runbooks.prometheus-operator.dev/runbooks/<folder>/<name in lower case>
//	kb             https://kb.example.com/alerts/{{ $labels.alertname }}/
//
// -url-base replaces the part before the path. -drop-url N leaves the
// runbook_url out of every Nth rule, and -extra N writes N rules for
// alerts no runbook has (ExtraAlert0001, ...; in -kb mode they count
// towards N), so that kb lint has alerts/missing-runbook-url,
// alerts/no-runbook and alerts/unknown-runbook-url to find. Severities
// cycle among critical, warning and info by a hash of the alert's name, so
// the same input always gives the same files.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

const usage = `usage: alertrules -from-runbooks DIR [-url-form FORM] [-url-base URL] [-drop-url N] [-extra N] [-o FILE]
       alertrules -n N -kb DIR -out DIR [-group N] [-per-file N] [-url-form FORM] [-url-base URL] [-drop-url N] [-extra N]`

// urlForms are the forms of runbook_url, each with the base it is written
// under by default.
var urlForms = map[string]string{
	"github-blob":   "https://github.com/openshift/runbooks/blob/master",
	"prom-operator": "https://runbooks.prometheus-operator.dev",
	"kb":            "https://kb.example.com",
}

type options struct {
	fromRunbooks, kbDir string
	n                   int
	out, outDir         string
	form, base          string
	dropURL, extra      int
	groupSize, perFile  int
}

func main() {
	var o options
	flag.StringVar(&o.fromRunbooks, "from-runbooks", "", "a collection of runbooks named after their alerts: one rule per runbook")
	flag.StringVar(&o.kbDir, "kb", "", "a KB whose runbooks list their alerts in front matter (with -n)")
	flag.IntVar(&o.n, "n", 0, "with -kb: the number of rules to write")
	flag.StringVar(&o.out, "o", "", "with -from-runbooks: the file to write (default stdout)")
	flag.StringVar(&o.outDir, "out", "", "with -kb: the folder to write rules-NNN.yaml into")
	flag.StringVar(&o.form, "url-form", "kb", "how runbook_url is written: github-blob, prom-operator or kb")
	flag.StringVar(&o.base, "url-base", "", "the URL before the path of runbook_url (default: the form's own)")
	flag.IntVar(&o.dropURL, "drop-url", 0, "leave runbook_url out of every Nth rule (0: of none)")
	flag.IntVar(&o.extra, "extra", 0, "rules for alerts no runbook has")
	flag.IntVar(&o.groupSize, "group", 50, "with -kb: rules per group")
	flag.IntVar(&o.perFile, "per-file", 200, "with -kb: rules per file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, usage)
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := o.check(); err != nil {
		fmt.Fprintln(os.Stderr, "alertrules:", err)
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	if o.fromRunbooks != "" {
		err = fromRunbooks(o)
	} else {
		err = forKB(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "alertrules:", err)
		os.Exit(1)
	}
}

func (o *options) check() error {
	switch {
	case flag.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", flag.Arg(0))
	case (o.fromRunbooks == "") == (o.kbDir == ""):
		return errors.New("give one of -from-runbooks and -kb")
	case o.kbDir != "" && (o.n < 1 || o.outDir == ""):
		return errors.New("-kb needs -n (at least 1) and -out")
	case o.kbDir != "" && o.extra > o.n:
		return fmt.Errorf("-extra %d is more than -n %d", o.extra, o.n)
	case o.fromRunbooks != "" && (o.n != 0 || o.outDir != ""):
		return errors.New("-n and -out go with -kb; -from-runbooks writes one file (-o)")
	case o.dropURL < 0 || o.extra < 0 || o.groupSize < 1 || o.perFile < 1:
		return errors.New("-drop-url and -extra cannot be negative, -group and -per-file must be at least 1")
	}
	def, ok := urlForms[o.form]
	if !ok {
		return fmt.Errorf("-url-form %q is not github-blob, prom-operator or kb", o.form)
	}
	if o.base == "" {
		o.base = def
	}
	o.base = strings.TrimSuffix(o.base, "/")
	return nil
}

// alert is one alerting rule to write: the alert, and the runbook it is
// written for (its slash path from the collection's root, and the name of
// its folder).
type alert struct {
	name, path, folder string
}

// group is a rule group of a file.
type group struct {
	name   string
	alerts []alert
}

// fromRunbooks writes one rule per runbook of o.fromRunbooks named as an
// alert, grouped by folder, and o.extra rules after them.
func fromRunbooks(o options) error {
	root := o.fromRunbooks
	var alerts []alert
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		name, ok := strings.CutSuffix(d.Name(), ".md")
		if !ok || !isAlertName(name) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		folder := path.Base(path.Dir(rel))
		if folder == "." {
			abs, _ := filepath.Abs(root)
			folder = filepath.Base(abs)
		}
		alerts = append(alerts, alert{name: name, path: rel, folder: folder})
		return nil
	})
	if err != nil {
		return err
	}
	if len(alerts) == 0 {
		return fmt.Errorf("no runbook of %s is named as an alert is (KubePodCrashLooping.md)", root)
	}
	sort.Slice(alerts, func(i, j int) bool { return alerts[i].path < alerts[j].path })

	// A group per folder, in path order; folders of one name in two
	// places are told apart by their paths, as a file's groups must be.
	var groups []group
	byDir := map[string]int{}
	taken := map[string]bool{}
	for _, a := range alerts {
		dir := path.Dir(a.path)
		i, ok := byDir[dir]
		if !ok {
			i = len(groups)
			byDir[dir] = i
			groups = append(groups, group{name: uniqueName(taken, a.folder, dir)})
		}
		groups[i].alerts = append(groups[i].alerts, a)
	}
	if o.extra > 0 {
		groups = append(groups, group{name: uniqueName(taken, "extra", "extra-alerts"), alerts: extraAlerts(0, o.extra)})
	}

	var w io.Writer = os.Stdout
	var f *os.File
	if o.out != "" {
		if f, err = os.Create(o.out); err != nil {
			return err
		}
		w = f
	}
	bw := bufio.NewWriter(w)
	header := fmt.Sprintf("Alerting rules for the runbooks of %s, one per runbook named after its alert, written by bench/alertrules.", filepath.Base(filepath.Clean(root)))
	st := writeRuleFile(bw, header, groups, o, 0)
	err = bw.Flush()
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "alertrules: %d rules (%d for runbooks, %d extra) in %d groups, %s\n",
		st.rules, len(alerts), o.extra, len(groups), st)
	return nil
}

// uniqueName returns name, or alt when name is taken, or alt with a number.
func uniqueName(taken map[string]bool, name, alt string) string {
	for i := 0; ; i++ {
		n := name
		if i == 1 {
			n = alt
		} else if i > 1 {
			n = fmt.Sprintf("%s-%d", alt, i)
		}
		if !taken[n] {
			taken[n] = true
			return n
		}
	}
}

// extraAlerts returns n alerts no runbook has, numbered from first+1.
func extraAlerts(first, n int) []alert {
	width := max(4, len(fmt.Sprint(first+n)))
	out := make([]alert, n)
	for i := range out {
		name := fmt.Sprintf("ExtraAlert%0*d", width, first+i+1)
		out[i] = alert{name: name, path: "extra/" + name + ".md", folder: "extra"}
	}
	return out
}

// forKB writes o.n rules for the alerts the runbooks of o.kbDir list,
// invented ones making up the rest, in files of o.perFile rules.
func forKB(o options) error {
	known, runbooks, err := kbAlerts(o.kbDir)
	if err != nil {
		return err
	}
	use := min(len(known), o.n-o.extra)
	alerts := spread(known, use)
	alerts = append(alerts, extraAlerts(0, o.n-use)...)
	if err := os.MkdirAll(o.outDir, 0o755); err != nil {
		return err
	}
	// The files of an earlier run are replaced, so that a folder glob
	// reads this run's rules only.
	old, err := filepath.Glob(filepath.Join(o.outDir, "rules-[0-9][0-9][0-9]*.yaml"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	var total stats
	files, groups := 0, 0
	for start := 0; start < len(alerts); start += o.perFile {
		chunk := alerts[start:min(start+o.perFile, len(alerts))]
		var gs []group
		for i := 0; i < len(chunk); i += o.groupSize {
			groups++
			gs = append(gs, group{name: fmt.Sprintf("kb-alerts-%03d", groups), alerts: chunk[i:min(i+o.groupSize, len(chunk))]})
		}
		files++
		var buf bytes.Buffer
		header := fmt.Sprintf("Alerting rules %d-%d of %d for the KB %s, written by bench/alertrules.",
			start+1, start+len(chunk), len(alerts), filepath.Base(filepath.Clean(o.kbDir)))
		st := writeRuleFile(&buf, header, gs, o, start)
		total.add(st)
		name := filepath.Join(o.outDir, fmt.Sprintf("rules-%03d.yaml", files))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "alertrules: %d rules (%d of the %d alerts of %d runbooks, %d invented) in %d groups, %d files in %s, %s\n",
		total.rules, use, len(known), runbooks, o.n-use, groups, files, o.outDir, total)
	return nil
}

// spread returns n of alerts, evenly spaced, in their order.
func spread(alerts []alert, n int) []alert {
	if n >= len(alerts) {
		return alerts
	}
	out := make([]alert, n)
	for i := range out {
		out[i] = alerts[i*len(alerts)/n]
	}
	return out
}

// kbAlerts returns the alerts the runbooks of the KB at root list in their
// front matter, each once with the first runbook (in path order) that
// lists it, sorted by name; and how many runbooks list any.
func kbAlerts(root string) ([]alert, int, error) {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	sort.Strings(paths)
	seen := map[string]bool{}
	var out []alert
	runbooks := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, 0, err
		}
		meta, err := frontMatter(src)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %v", p, err)
		}
		if len(meta.Alerts) == 0 || meta.Kind != "" && !strings.EqualFold(meta.Kind, "runbook") {
			continue
		}
		runbooks++
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		for _, a := range meta.Alerts {
			a = strings.TrimSpace(a)
			if a == "" || seen[strings.ToLower(a)] {
				continue
			}
			seen[strings.ToLower(a)] = true
			out = append(out, alert{name: a, path: rel, folder: path.Base(path.Dir(rel))})
		}
	}
	if len(out) == 0 {
		return nil, 0, fmt.Errorf("no runbook of %s lists alerts: in its front matter", root)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, runbooks, nil
}

// meta is the part of a document's front matter read here.
type meta struct {
	Kind   string   `yaml:"kind"`
	Alerts []string `yaml:"alerts"`
}

// frontMatter reads the YAML front matter of a markdown file: the lines
// between a first line "---" and the next "---" (or "..."). A file without
// it has none.
func frontMatter(src []byte) (meta, error) {
	var m meta
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return m, nil
	}
	var block strings.Builder
	closed := false
	for line := range strings.Lines(rest) {
		if t := strings.TrimRight(line, " \t\n"); t == "---" || t == "..." {
			closed = true
			break
		}
		block.WriteString(line)
	}
	if !closed {
		return m, nil
	}
	// A front matter kb cannot read either is passed over; one with an
	// alerts: of another shape is an error, as the rules would be short.
	var raw map[string]yaml.Node
	if err := yaml.Unmarshal([]byte(block.String()), &raw); err != nil {
		return m, nil
	}
	if k, ok := raw["kind"]; ok && k.Kind == yaml.ScalarNode {
		m.Kind = k.Value
	}
	if a, ok := raw["alerts"]; ok {
		switch a.Kind {
		case yaml.ScalarNode:
			if a.Tag != "!!null" && strings.TrimSpace(a.Value) != "" {
				m.Alerts = []string{a.Value}
			}
		case yaml.SequenceNode:
			if err := a.Decode(&m.Alerts); err != nil {
				return m, fmt.Errorf("alerts: %v", err)
			}
		default:
			return m, errors.New("alerts: is neither a name nor a list of names")
		}
	}
	return m, nil
}

// stats count what a rule file holds.
type stats struct {
	rules, critical, warning, info, noURL int
}

func (s *stats) add(t stats) {
	s.rules += t.rules
	s.critical += t.critical
	s.warning += t.warning
	s.info += t.info
	s.noURL += t.noURL
}

func (s stats) String() string {
	return fmt.Sprintf("%d critical, %d warning, %d info, %d without runbook_url", s.critical, s.warning, s.info, s.noURL)
}

var severities = []string{"critical", "warning", "info"}

// hash is the FNV-1a hash of an alert's name, which picks its severity and
// the shape of its expression.
func hash(name string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()
}

// exprs are the shapes of the rules' expressions; %[1]s is the alert's
// name, %[2]s its group's.
var exprs = []string{
	`up{job="%[2]s", alert="%[1]s"} == 0`,
	`sum by (namespace) (rate(kb_alert_errors_total{alert="%[1]s"}[5m])) / sum by (namespace) (rate(kb_alert_requests_total{alert="%[1]s"}[5m])) > 0.05`,
	`max_over_time(kb_alert_condition{alert="%[1]s", instance=~".+\\.example\\.com:9100"}[10m]) > 0`,
	`absent(up{job="%[2]s", alert="%[1]s"} == 1)`,
}

// writeRuleFile writes groups as a Prometheus rule file under a comment;
// before is how many rules were written to earlier files, for -drop-url.
func writeRuleFile(w io.Writer, header string, groups []group, o options, before int) stats {
	var st stats
	fmt.Fprintf(w, "# %s\n", header)
	fmt.Fprintln(w, "groups:")
	n := before
	for _, g := range groups {
		fmt.Fprintf(w, "  - name: %s\n", scalar(g.name))
		fmt.Fprintln(w, "    rules:")
		for _, a := range g.alerts {
			n++
			h := hash(a.name)
			sev := severities[h%uint32(len(severities))]
			switch sev {
			case "critical":
				st.critical++
			case "warning":
				st.warning++
			default:
				st.info++
			}
			st.rules++
			fmt.Fprintf(w, "      - alert: %s\n", scalar(a.name))
			fmt.Fprintf(w, "        expr: %s\n", quote(fmt.Sprintf(exprs[(h/3)%uint32(len(exprs))], a.name, g.name)))
			fmt.Fprintln(w, "        for: 5m")
			fmt.Fprintln(w, "        labels:")
			fmt.Fprintf(w, "          severity: %s\n", sev)
			fmt.Fprintln(w, "        annotations:")
			fmt.Fprintf(w, "          summary: %s\n", quote(fmt.Sprintf("%s is firing for {{ $labels.job }} in {{ $labels.namespace }}.", a.name)))
			if o.dropURL > 0 && n%o.dropURL == 0 {
				st.noURL++
				continue
			}
			fmt.Fprintf(w, "          runbook_url: %s\n", quote(runbookURL(o, a)))
		}
	}
	return st
}

// runbookURL is where the rule of a points, in the form of -url-form.
func runbookURL(o options, a alert) string {
	switch o.form {
	case "github-blob":
		return o.base + "/" + a.path
	case "prom-operator":
		return o.base + "/runbooks/" + a.folder + "/" + strings.ToLower(a.name)
	default:
		return o.base + "/alerts/{{ $labels.alertname }}/"
	}
}

// reserved are the plain scalars YAML reads as something other than a
// string (in YAML 1.1 or 1.2), in lower case.
var reserved = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"y": true, "n": true, "null": true, "~": true, "nan": true, "inf": true,
}

// scalar writes s plain when YAML reads it back as the same string (a
// word of letters, digits, "-" and "_" starting with a letter, that is
// not a boolean or null), and double-quoted otherwise.
func scalar(s string) string {
	if s == "" || reserved[strings.ToLower(s)] {
		return quote(s)
	}
	for i, r := range s {
		if r >= utf8.RuneSelf || !(unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || r == '-' || r == '_')) {
			return quote(s)
		}
	}
	return s
}

// quote writes s as a YAML double-quoted scalar: backslash and double
// quote escaped, and every character YAML would not keep as it is (control
// characters, line and paragraph separators, invalid UTF-8) written as an
// escape.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		case r == '\ufeff' || r > 0x7f && !unicode.IsPrint(r):
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// isAlertName reports whether name is written as alerting rules name
// alerts, as kb tells a runbook from its file name: letters and digits
// only, starting with a letter, with a lower-case letter followed by an
// upper-case one somewhere (KubePodCrashLooping, etcdNoLeader; not README
// or Watchdog).
func isAlertName(name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	if name == "" || !unicode.IsLetter(first) {
		return false
	}
	camel := false
	var last rune
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		if unicode.IsUpper(r) && unicode.IsLower(last) {
			camel = true
		}
		last = r
	}
	return camel
}
