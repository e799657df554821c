package site

import "github.com/kb-tools/kb/content"

// tally is the one count of each standing the site's pages show, so that
// the home page, the action board, the runbook lists and the trends give
// the same figures.
type tally struct {
	// Action items by their group on the board: an overdue item is open
	// or in progress and past its due date, and counts as overdue only.
	Actions, Overdue, Open, InProgress, Done, WontDo int
	// Runbooks by freshness (see freshness); ToReview is Stale and Never,
	// the runbooks listed as to review or drill.
	Runbooks, Fresh, Due, Stale, Never, ToReview int
}

// countAll works out the tally of the model's action rows and runbooks.
func countAll(sd *siteData) tally {
	t := tally{Actions: len(sd.Actions), Runbooks: len(sd.Runbooks)}
	for _, a := range sd.Actions {
		switch {
		case a.Overdue:
			t.Overdue++
		case a.Status == content.StatusOpen:
			t.Open++
		case a.Status == content.StatusInProgress:
			t.InProgress++
		case a.Status == content.StatusDone:
			t.Done++
		case a.Status == content.StatusWontDo:
			t.WontDo++
		}
	}
	for _, rb := range sd.Runbooks {
		switch rb.Fresh.State {
		case "fresh":
			t.Fresh++
		case "due":
			t.Due++
		case "stale":
			t.Stale++
		case "never":
			t.Never++
		}
	}
	t.ToReview = t.Stale + t.Never
	return t
}

// OpenItems counts the action items that still need work, overdue or not.
func (t tally) OpenItems() int { return t.Overdue + t.Open + t.InProgress }

// StaleDays is how long a runbook stays fresh after its review and drill.
func (sd *siteData) StaleDays() int { return sd.staleDays }
