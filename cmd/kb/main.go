// Command kb turns a git repository of markdown postmortems and runbooks
// into a linted, indexed, searchable static knowledge base.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
