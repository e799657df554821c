package site

import (
	"maps"
	"os/exec"
	"strings"
)

// History is the last change in git history of each file of a KB, as its
// pages show it, with the commit HEAD named when it was read.
type History struct {
	head string
	info map[string]*gitInfo
}

// ReadHistory reads the git history of the KB at root. HEAD is read
// first: a commit made while the history is read makes the next GitHead
// differ from Head.
func ReadHistory(root string) *History {
	head := GitHead(root)
	return &History{head: head, info: gitHistory(root)}
}

// Head returns the commit HEAD named when h was read; "" outside a git
// work tree.
func (h *History) Head() string { return h.head }

// GitHead returns the commit checked out in the git work tree of root
// (HEAD), or "" when root is in none, HEAD names no commit yet, or git is
// missing. It is one quick git command: kb serve calls it often, to tell
// when the history its pages show is no longer the work tree's (a
// commit, another branch checked out).
func GitHead(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--verify", "--quiet", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Head returns the commit HEAD named when the history the pages show was
// read: "" with Options.NoGit or outside a git work tree.
func (l *Live) Head() string { return l.head }

// SetHistory makes the pages show the history h, rendering again those
// whose last change it changes (and the feed and sitemap, which show the
// same dates). With Options.NoGit it does nothing. On an error the site
// stays as it was, but for the history it shows from the next update.
func (l *Live) SetHistory(h *History) (LiveChange, error) {
	if l.opts.NoGit {
		return LiveChange{}, nil
	}
	failed := l.settle()
	l.head = h.head
	if !failed && maps.EqualFunc(l.history, h.info, func(a, b *gitInfo) bool { return *a == *b }) {
		return LiveChange{}, nil
	}
	l.history = h.info
	l.tpl.cached.reset()
	return l.rebuild(l.model.kb, failed, nil, nil)
}
