// Command patho writes the pathological KBs of kb's hardening work, for
// whole-process figures: for each case, OUT/CASE (a small base KB and the
// case's document at the scale of issue 12), OUT/CASE-plain (the base and
// a plain postmortem, or for a kb.yaml case a plain kb.yaml, of the same
// size), and OUT/base (the base alone).
//
// Usage:
//
//	go run ./bench/patho [-case NAME] [-scale N] OUT
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kb-tools/kb/internal/patho"
)

func main() {
	only := flag.String("case", "", "write only this case")
	scale := flag.Int("scale", 0, "the case's scale (default: the figures of issue 12)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: patho [-case NAME] [-scale N] OUT")
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *only, *scale); err != nil {
		fmt.Fprintln(os.Stderr, "patho:", err)
		os.Exit(1)
	}
}

func write(out, only string, scale int) error {
	if err := patho.WriteKB(filepath.Join(out, "base"), nil); err != nil {
		return err
	}
	for _, c := range patho.Cases() {
		if only != "" && c.Name != only {
			continue
		}
		n := c.Scale
		if scale > 0 {
			n = scale
		}
		doc := c.Doc(n)
		if err := c.WriteKB(filepath.Join(out, c.Name), doc); err != nil {
			return err
		}
		if err := c.WriteKB(filepath.Join(out, c.Name+"-plain"), c.Plain(len(doc))); err != nil {
			return err
		}
		fmt.Printf("%-18s %9d bytes  %s\n", c.Name, len(doc), c.About)
	}
	return nil
}
