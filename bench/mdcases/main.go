// Command mdcases writes one KB per pathological markdown case of issue 12
// (kbtest.MarkdownCases()), each a single postmortem at the scale the issue
// reported (four times the test scale for the cases added since), and
// beside each a KB of plain prose of the same size:
//
//	go run ./bench/mdcases DIR
//
// writes DIR/CASE/postmortems/case.md and DIR/CASE-plain/postmortems/case.md.
// -n SCALE overrides the scale of every case; -case NAME writes one case.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kb-tools/kb/internal/kbtest"
)

func main() {
	scale := flag.Int("n", 0, "scale of every case (default: the one issue 12 reported)")
	only := flag.String("case", "", "write only this case")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mdcases [-n SCALE] [-case NAME] DIR")
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *only, *scale); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir, only string, scale int) error {
	for _, c := range kbtest.MarkdownCases() {
		if only != "" && c.Name != only {
			continue
		}
		n := c.Reported
		if n == 0 {
			n = 4 * c.Test
		}
		if scale > 0 {
			n = scale
		}
		body := c.Body(n)
		if err := writeKB(filepath.Join(dir, c.Name), body); err != nil {
			return err
		}
		if err := writeKB(filepath.Join(dir, c.Name+"-plain"), kbtest.PlainProse(len(body))); err != nil {
			return err
		}
		fmt.Printf("%s\t%d\t%d bytes\n", c.Name, n, len(body))
	}
	return nil
}

func writeKB(dir string, body []byte) error {
	p := filepath.Join(dir, "postmortems", "case.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, kbtest.Postmortem(body), 0o644)
}
