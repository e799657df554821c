package lint

import (
	"bytes"
	"errors"
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

// RefError says that a --changed-from value names no commit kb can diff
// against: it looks like an option, or git knows no such commit. It is a
// usage error, not a failure of git.
type RefError struct {
	Ref    string
	Reason string
}

// Error quotes the value and says why it names no commit.
func (e *RefError) Error() string { return fmt.Sprintf("%q %s", e.Ref, e.Reason) }

// GitProblem says why --changed-from cannot ask git what changed.
type GitProblem int

// The problems of asking git what changed.
const (
	// GitNotRepository is a KB folder that is in no git repository.
	GitNotRepository GitProblem = iota + 1
	// GitNotInstalled is a machine without git on its PATH.
	GitNotInstalled
)

// GitUnavailableError says that kb cannot ask git what changed in the KB at Dir: it
// is no repository, or git is not installed. Like a RefError, it is a
// usage error.
type GitUnavailableError struct {
	Dir     string
	Problem GitProblem
}

// Error says what is missing, in one line.
func (e *GitUnavailableError) Error() string {
	if e.Problem == GitNotInstalled {
		return "needs git, and git is not installed (not on PATH)"
	}
	return "needs a git repository, and " + e.Dir + " is not in one"
}

// ChangedSince asks git which lines of the KB at dir changed since ref:
// committed, staged and unstaged changes, and every line of files git does
// not track yet. ref is resolved to a commit first, and only that
// commit's id reaches git diff, so no value of ref is read as an option.
func ChangedSince(dir, ref string) (ChangedLines, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &GitUnavailableError{Dir: dir, Problem: GitNotInstalled}
	}
	if !content.InRepository(dir) {
		return nil, &GitUnavailableError{Dir: dir, Problem: GitNotRepository}
	}
	commit, err := resolveCommit(dir, ref)
	if err != nil {
		return nil, err
	}
	diff, err := git(dir, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames", "--unified=0",
		"--relative", "--src-prefix=a/", "--dst-prefix=b/", commit, "--", ".")
	if err != nil {
		return nil, err
	}
	changed := parseUnifiedDiff(diff)
	untracked, err := git(dir, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(string(untracked), "\x00") {
		if f != "" {
			changed[f] = []content.LineRange{{First: 1, Last: 1 << 30}}
		}
	}
	return changed, nil
}

// resolveCommit returns the id of the commit ref names. A ref that starts
// with "-" is refused before git sees it; one git cannot resolve to a
// commit is a RefError too.
func resolveCommit(dir, ref string) (string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return "", &RefError{Ref: ref, Reason: `is not a git revision: a branch, tag or commit never starts with "-"`}
	}
	out, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return "", &RefError{Ref: ref, Reason: "names no commit of the git repository at " + dir}
	}
	if err != nil {
		return "", err
	}
	id := strings.TrimSpace(string(out))
	if !isCommitID(id) {
		return "", fmt.Errorf("git rev-parse %q gave %q, not a commit id", ref, id)
	}
	return id, nil
}

// isCommitID reports whether s is a full SHA-1 or SHA-256 object id.
func isCommitID(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }

// gitError is a git command that failed; it wraps the process error so
// callers can tell git's exit status.
type gitError struct {
	args   []string
	err    error
	stderr string
}

// Error gives the git command, its failure and the first line git wrote
// to stderr, on one line.
func (e *gitError) Error() string {
	first, _, _ := strings.Cut(e.stderr, "\n")
	return fmt.Sprintf("git %s: %v: %s", strings.Join(e.args, " "), e.err, first)
}

// Unwrap returns the process error, an *exec.ExitError when git ran and
// failed.
func (e *gitError) Unwrap() error { return e.err }

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &gitError{args: args, err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return out, nil
}

// parseUnifiedDiff reads the added lines of each file from a diff made
// with --unified=0 and the prefixes a/ and b/. A file's name is read from
// its "+++ " header only (the body's lines all start with "+", "-", " " or
// "\", so a header cannot be mistaken for one of them).
func parseUnifiedDiff(diff []byte) ChangedLines {
	changed := ChangedLines{}
	file, inHeader := "", false
	for rest := diff; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		switch {
		case bytes.HasPrefix(line, []byte("diff ")):
			file, inHeader = "", true
		case inHeader && bytes.HasPrefix(line, []byte("+++ ")):
			file = headerPath(string(line[len("+++ "):]))
		case bytes.HasPrefix(line, []byte("@@ ")):
			inHeader = false
			if r, ok := addedRange(string(line)); ok && file != "" {
				changed[file] = append(changed[file], r)
			}
		}
	}
	return changed
}

// headerPath reads the file name of a "+++ " header: "" for /dev/null (a
// deleted file). git writes "b/" and the name, in C-style quotes when the
// name holds a quote, a backslash, a control character or (unless
// core.quotePath is false) a byte outside ASCII, and ends the header with
// a tab when the name holds a space.
func headerPath(h string) string {
	if h == "/dev/null" {
		return ""
	}
	name := strings.TrimSuffix(h, "\t")
	if strings.HasPrefix(h, `"`) {
		u, rest, ok := unquoteC(h)
		if !ok || (rest != "" && rest != "\t") {
			return ""
		}
		name = u
	}
	name, ok := strings.CutPrefix(name, "b/")
	if !ok {
		return ""
	}
	return name
}

// cEscape returns the byte the one-letter escape \c of git's C-style
// quoting stands for, and false when c is no such letter.
func cEscape(c byte) (byte, bool) {
	switch c {
	case 'a':
		return '\a', true
	case 'b':
		return '\b', true
	case 't':
		return '\t', true
	case 'n':
		return '\n', true
	case 'v':
		return '\v', true
	case 'f':
		return '\f', true
	case 'r':
		return '\r', true
	case '"', '\\':
		return c, true
	}
	return 0, false
}

// unquoteC reads the C-style quoted string at the start of s (a '"', the
// name with escapes, a '"') and returns it with what follows the closing
// quote. Octal escapes stand for single bytes, so a name's UTF-8 comes back
// as it was.
func unquoteC(s string) (name, rest string, ok bool) {
	var b []byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return string(b), s[i+1:], true
		case '\\':
			e, n, ok := cUnescape(s[i+1:])
			if !ok {
				return "", "", false
			}
			b = append(b, e)
			i += n
		default:
			b = append(b, c)
		}
	}
	return "", "", false
}

// cUnescape reads the escape that follows a backslash at the start of s:
// a letter (cEscape) or three octal digits. It returns the byte the
// escape stands for and the escape's length.
func cUnescape(s string) (byte, int, bool) {
	if len(s) > 0 {
		if e, ok := cEscape(s[0]); ok {
			return e, 1, true
		}
	}
	if len(s) < 3 {
		return 0, 0, false
	}
	n, err := strconv.ParseUint(s[:3], 8, 8)
	if err != nil {
		return 0, 0, false
	}
	return byte(n), 3, true
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
