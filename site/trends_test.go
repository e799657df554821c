package site

import (
	"testing"
	"time"

	"github.com/kb-tools/kb/content"
)

func TestRecurrenceKeepsTheNewestIncidents(t *testing.T) {
	var pages []*page
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 7 {
		pages = append(pages, &page{Title: string(rune('a' + i)), Doc: &content.Doc{Date: content.At(day.AddDate(0, 0, 10*i))}})
	}
	for _, c := range []struct {
		n           int
		want        string
		count, more int
	}{
		{2, "ba", 2, 0},
		{5, "edcba", 5, 0},
		{7, "gfedc", 7, 2},
	} {
		r := newRecurrence("tag", "cache", within90Days(pages[:c.n]))
		got := ""
		for _, p := range r.Latest {
			got += p.Title
		}
		if got != c.want || r.Count != c.count || r.More != c.more {
			t.Errorf("%d incidents: latest %q, count %d, more %d; want %q, %d, %d", c.n, got, r.Count, r.More, c.want, c.count, c.more)
		}
	}
}
