// Command bleve-default indexes a KB's documents with bleve's default
// mapping (bleve.NewIndexMapping(): the standard analyzer, every field
// stored with term vectors and in _all) into an index on disk, in batches,
// one at a time, as a program using bleve plainly would. It is the
// baseline beside which kb's own index build is measured:
//
//	go run ./bench/bleve-default -out /tmp/bleve-default.bleve /tmp/kbgen10k
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/kb-tools/kb/content"
)

// doc is what is indexed of a document: the fields of kb's index.
type doc struct {
	Title    string    `json:"title"`
	Names    []string  `json:"names"`
	Body     string    `json:"body"`
	Kind     string    `json:"kind"`
	Severity string    `json:"severity"`
	Status   string    `json:"status"`
	Service  []string  `json:"service"`
	Tag      []string  `json:"tag"`
	Owner    []string  `json:"owner"`
	Alert    []string  `json:"alert"`
	Date     time.Time `json:"date"`
}

func main() {
	out := flag.String("out", "", "the index `DIR` to write (removed first)")
	batchSize := flag.Int("batch", 400, "documents per batch")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: bleve-default -out DIR KB")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *batchSize); err != nil {
		fmt.Fprintln(os.Stderr, "bleve-default:", err)
		os.Exit(1)
	}
}

func run(dir, out string, batchSize int) error {
	start := time.Now()
	kb, err := content.Load(dir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	ix, err := bleve.New(out, bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	b := ix.NewBatch()
	for _, d := range kb.Docs {
		m := d.Meta
		v := doc{
			Title: d.Title, Names: append(append(append([]string(nil), m.Alerts...), m.Services...), m.Tags...),
			Body: string(d.Body()), Kind: string(d.Kind), Severity: m.Severity, Status: m.Status,
			Service: m.Services, Tag: m.Tags, Owner: append([]string{m.Owner}, m.Authors...), Alert: m.Alerts,
			Date: d.Date.Time,
		}
		if err := b.Index(d.Path, v); err != nil {
			ix.Close()
			return err
		}
		if b.Size() >= batchSize {
			if err := ix.Batch(b); err != nil {
				ix.Close()
				return err
			}
			b = ix.NewBatch()
		}
	}
	if b.Size() > 0 {
		if err := ix.Batch(b); err != nil {
			ix.Close()
			return err
		}
	}
	if err := ix.Close(); err != nil {
		return err
	}
	fmt.Printf("indexed %d documents in %s\n", len(kb.Docs), time.Since(start).Round(time.Millisecond))
	return nil
}
