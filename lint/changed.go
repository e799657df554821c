package lint

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/kb-tools/kb/content"
)

// ChangedLines maps KB-relative slash paths to the lines a branch added or
// changed.
type ChangedLines map[string][]content.LineRange

// Contains reports whether line of file was changed.
func (c ChangedLines) Contains(file string, line int) bool {
	for _, r := range c[file] {
		if r.Contains(line) {
			return true
		}
	}
	return false
}

// ChangedSince asks git which lines of the KB at dir changed since ref:
// committed, staged and unstaged changes, and every line of files git does
// not track yet.
func ChangedSince(dir, ref string) (ChangedLines, error) {
	diff, err := git(dir, "diff", "--no-color", "--no-ext-diff", "--unified=0", "--relative", ref, "--", ".")
	if err != nil {
		return nil, err
	}
	changed := parseUnifiedDiff(diff)
	untracked, err := git(dir, "ls-files", "--others", "--exclude-standard", "--", ".")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(strings.TrimSpace(string(untracked)), "\n") {
		if f != "" {
			changed[f] = []content.LineRange{{First: 1, Last: 1 << 30}}
		}
	}
	return changed, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// parseUnifiedDiff reads the added lines of each file from a diff made
// with --unified=0.
func parseUnifiedDiff(diff []byte) ChangedLines {
	changed := ChangedLines{}
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = strings.TrimPrefix(strings.TrimPrefix(line, "+++ "), "b/")
			if file == "/dev/null" {
				file = ""
			}
			file = unquoteGitPath(file)
		case strings.HasPrefix(line, "@@ ") && file != "":
			if r, ok := addedRange(line); ok {
				changed[file] = append(changed[file], r)
			}
		}
	}
	return changed
}

// addedRange reads "@@ -a,b +c,d @@": lines c to c+d-1 (d defaults to 1;
// 0 means only deletions).
func addedRange(hunk string) (content.LineRange, bool) {
	fields := strings.Fields(hunk)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return content.LineRange{}, false
	}
	start, count, hasCount := strings.Cut(fields[2][1:], ",")
	first, err := strconv.Atoi(start)
	if err != nil {
		return content.LineRange{}, false
	}
	n := 1
	if hasCount {
		if n, err = strconv.Atoi(count); err != nil || n == 0 {
			return content.LineRange{}, false
		}
	}
	return content.LineRange{First: first, Last: first + n - 1}, true
}

// unquoteGitPath undoes git's quoting of unusual file names ("a b.md" is
// fine, but names with quotes or non-ASCII bytes come quoted).
func unquoteGitPath(p string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			return strings.TrimPrefix(u, "b/")
		}
	}
	return p
}
