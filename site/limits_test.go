package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTermsPerDocumentBoundThePages(t *testing.T) {
	var services []string
	for i := range 300 {
		services = append(services, fmt.Sprintf("svc%d", i))
	}
	out := buildKB(t, `
-- kb.yaml --
limits: {terms_per_document: 40}
-- postmortems/2026-01-15-many.md --
---
title: Many services
date: 2026-01-15
services: [`+strings.Join(services, ", ")+`]
---
`, Options{NoGit: true})
	pages, err := filepath.Glob(filepath.Join(out, "services", "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 40 {
		t.Errorf("%d service pages, want the first 40 of 300", len(pages))
	}
	assertFileContent(t, out, "services/svc39/index.html", "Many services")
	if _, err := os.Stat(filepath.Join(out, "services", "svc40")); !os.IsNotExist(err) {
		t.Errorf("services/svc40/ written (%v): values past the limit should make no page", err)
	}
}
