package site

import (
	"bufio"
	"bytes"
	"os/exec"
	"path"
	"strings"
	"time"
)

// gitInfo is the last change of a file in git history.
type gitInfo struct {
	Date    time.Time
	Commit  string // short hash
	Author  string
	Subject string
}

// gitHistory reads, in one pass over `git log`, the last change of every
// file under root, keyed by path relative to root. It returns nil when root
// is not in a git work tree or git is missing.
func gitHistory(root string) map[string]*gitInfo {
	prefix, err := exec.Command("git", "-C", root, "rev-parse", "--show-prefix").Output()
	if err != nil {
		return nil
	}
	pre := strings.TrimSpace(string(prefix))
	cmd := exec.Command("git", "-C", root, "log", "--no-color", "--no-renames", "--name-only",
		"--format=%x1e%h%x1f%an%x1f%aI%x1f%s", "--", ".")
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	info := map[string]*gitInfo{}
	var cur *gitInfo
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x1e") {
			f := strings.SplitN(line[1:], "\x1f", 4)
			if len(f) < 4 {
				cur = nil
				continue
			}
			t, _ := time.Parse(time.RFC3339, f[2])
			cur = &gitInfo{Commit: f[0], Author: f[1], Date: t, Subject: f[3]}
			continue
		}
		if line == "" || cur == nil {
			continue
		}
		// Paths are relative to the top of the work tree.
		rel := strings.TrimPrefix(unquote(line), pre)
		if _, seen := info[rel]; !seen {
			info[rel] = cur
		}
	}
	return info
}

// unquote undoes git's quoting of unusual file names.
func unquote(p string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := unquoteC(p); err == nil {
			return u
		}
	}
	return path.Clean(p)
}
