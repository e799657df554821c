package content

import (
	"strings"
	"time"
	"unicode/utf8"
)

// formTable is the table being read: in an action section, the
// action-item field of each column; in a timeline, what each column holds.
type formTable struct {
	open   bool
	fields []string
	when   timelineColumns
}

// tableHeader opens a table with the plain text of its header cells.
func (r *formReader) tableHeader(headers []string) {
	r.endPara()
	r.table = formTable{open: true}
	switch r.top().ctx {
	case ctxActions:
		r.table.fields = tableFields(headers)
	case ctxTimeline:
		r.table.when = timelineHeader(headers, &r.clock.zones)
	}
}

// endTable closes the table.
func (r *formReader) endTable() { r.table = formTable{} }

// tableRow reads a body row from the plain text of its cells; link is the
// row's first link, pos the position of its first cell and cellPos that
// of cell i.
func (r *formReader) tableRow(texts []string, link string, pos Pos, cellPos func(int) Pos) {
	if !r.table.open || allBlank(texts) {
		return
	}
	switch r.top().ctx {
	case ctxActions:
		r.actionRow(texts, link, pos, cellPos)
	case ctxTimeline:
		r.timelineRow(texts, pos)
	}
}

// allBlank reports texts that hold nothing but white space, as their
// concatenation would. A text that is not valid UTF-8 is judged in the
// concatenation, where its pieces of a character may join others'.
func allBlank(texts []string) bool {
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			if !utf8.ValidString(t) {
				return strings.TrimSpace(strings.Join(texts, "")) == ""
			}
			return false
		}
	}
	return true
}

func (r *formReader) actionRow(texts []string, link string, pos Pos, cellPos func(int) Pos) {
	item := ActionItem{Form: FormTable, Pos: pos, DuePos: pos, Status: StatusOpen}
	fields := r.table.fields
	for i, c := range texts {
		if i < len(fields) && fields[i] != "" {
			item.setField(fields[i], c)
			if fields[i] == "due" {
				item.DuePos = cellPos(i)
			}
		}
	}
	if what, marked := cutDoneMark(item.What); marked {
		item.What, item.Status = strings.TrimSpace(what), StatusDone
	}
	if item.Link == "" {
		item.Link = link
	}
	if item.What == "" && item.Owner == "" && !item.Due.Set {
		return
	}
	ctx := r.itemContext()
	if !item.Due.Set && item.DueText == "" && ctx.due.Set {
		item.Due, item.DuePos = ctx.due, ctx.duePos
	}
	if ctx.done && item.Status == StatusOpen {
		item.Status = StatusDone
	}
	r.listed = true
	r.doc.Actions = append(r.doc.Actions, item)
}

// timelineColumns says which columns of a timeline table hold the date,
// the time and the event; -1 for none. zone is a zone the header names
// ("Time (PT)").
type timelineColumns struct {
	date, time int
	events     []int
	zone       *time.Location
	known      bool
}

// timelineHeader reads a timeline table's header: Day/Date, Time (or
// Timestamp, When), Event (or Description, What happened), in any order.
// Columns of other names go into the event after it.
func timelineHeader(headers []string, zones *zoneCache) timelineColumns {
	c := timelineColumns{date: -1, time: -1}
	var others []int
	for i, h := range headers {
		n := strings.ToLower(strings.TrimSpace(h))
		base := n
		if j := strings.IndexAny(n, "(["); j > 0 {
			base = strings.TrimSpace(n[:j])
		}
		switch base {
		case "date", "day":
			if c.date < 0 {
				c.date = i
				continue
			}
		case "time", "timestamp", "when", "date/time", "date and time", "date & time", "datetime", "time/date", "hour", "utc", "clock":
			if c.time < 0 {
				c.time = i
				if z := zones.in(h); z != nil {
					c.zone = z
				}
				continue
			}
		case "event", "events", "description", "what happened", "what", "details", "detail", "update", "activity", "action", "actions", "summary", "note", "notes":
			c.events = append(c.events, i)
			continue
		}
		others = append(others, i)
	}
	c.known = c.time >= 0 || c.date >= 0
	c.events = append(c.events, others...)
	return c
}
