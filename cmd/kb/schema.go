package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/kb-tools/kb/content"
)

func schemaCommand() *command {
	var dir, kind *string
	return &command{
		name:     "schema",
		examples: []string{"kb schema > kb.schema.json", "kb schema --kind postmortem", "kb schema --dir kb --kind runbook"},
		summary:  "print the JSON Schema (2020-12) of front matter, from kb.yaml's severities and owners",
		help: "The schema of both kinds (kb.json) picks by the kind: key; --kind gives the schema of one, for the files\n" +
			"of its folder. kb build publishes all three under /schema/.",
		flags: func(fs *flag.FlagSet) {
			dir = fs.String("dir", ".", "the KB root `DIR`")
			kind = fs.String("kind", "", "the schema of one kind: `postmortem|runbook` (default both, picked by kind:)")
		},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			fs, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return c.usageError(stderr, "takes no arguments")
			}
			k := content.Kind(*kind)
			if k != "" && k != content.KindPostmortem && k != content.KindRunbook {
				return c.usageError(stderr, "--kind %q: use postmortem or runbook", *kind)
			}
			root, err := c.kbRoot(fs, *dir, stderr)
			if err != nil {
				return c.fail(stderr, err)
			}
			cfg, cfgErrs := content.LoadConfig(root)
			for _, e := range cfgErrs {
				fmt.Fprintln(stderr, e.Excerpt())
			}
			data, err := content.Schema(&cfg, k)
			if err != nil {
				return c.fail(stderr, err)
			}
			if _, err := stdout.Write(data); err != nil {
				return c.fail(stderr, err)
			}
			return exitOK
		},
	}
}
