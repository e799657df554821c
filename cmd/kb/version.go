package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3".
var version = ""

func versionCommand() *command {
	return &command{
		name:     "version",
		examples: []string{"kb version"},
		summary:  "print kb's version",
		flags:    func(*flag.FlagSet) {},
		run: func(c *command, args []string, stdout, stderr io.Writer) int {
			_, pos, code, ok := c.parse(args, stdout, stderr)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return c.usageError(stderr, "takes no arguments")
			}
			fmt.Fprintf(stdout, "kb %s %s %s/%s\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		},
	}
}

// versionString is the link-time version, else the module version the
// binary was built from, else "devel".
func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
