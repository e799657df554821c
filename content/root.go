package content

import (
	"os"
	"path/filepath"
)

// RootSearch is where FindRoot stopped looking for kb.yaml.
type RootSearch int

// The ends of FindRoot's search.
const (
	// RootConfig is a folder that holds kb.yaml: the KB's root.
	RootConfig RootSearch = iota + 1
	// RootRepository is the top of a git repository (it holds .git) with
	// no kb.yaml in it or below it on the way up.
	RootRepository
	// RootFilesystem is the top of the file system, reached without a
	// kb.yaml or a repository on the way.
	RootFilesystem
)

// FoundRoot is what FindRoot found.
type FoundRoot struct {
	// Dir is the folder the search ended in, as a path relative to the
	// folder it started from ("../.." say), or absolute when it cannot be
	// made relative.
	Dir string
	// Stop says why the search ended there.
	Stop RootSearch
}

// FindRoot looks for kb.yaml in start and in each folder above it, as git
// looks for .git: it stops at the first folder that holds kb.yaml
// (RootConfig), else at the top of the git repository start is in (a
// folder that holds .git, RootRepository), else at the top of the file
// system (RootFilesystem).
func FindRoot(start string) (FoundRoot, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return FoundRoot{}, err
	}
	for dir := abs; ; {
		stop := RootSearch(0)
		switch {
		case exists(filepath.Join(dir, ConfigFile)):
			stop = RootConfig
		case exists(filepath.Join(dir, ".git")):
			stop = RootRepository
		case filepath.Dir(dir) == dir:
			stop = RootFilesystem
		}
		if stop != 0 {
			return FoundRoot{Dir: relativeTo(start, abs, dir), Stop: stop}, nil
		}
		dir = filepath.Dir(dir)
	}
}

// InRepository reports whether dir is inside a git repository: it or a
// folder above it holds .git (a folder, or the file of a worktree).
func InRepository(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		if exists(filepath.Join(abs, ".git")) {
			return true
		}
		up := filepath.Dir(abs)
		if up == abs {
			return false
		}
		abs = up
	}
}

// relativeTo writes dir, a folder at or above abs (the absolute form of
// start), relative to start.
func relativeTo(start, abs, dir string) string {
	if dir == abs {
		return start
	}
	rel, err := filepath.Rel(abs, dir)
	if err != nil {
		return dir
	}
	return filepath.Join(start, rel)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
