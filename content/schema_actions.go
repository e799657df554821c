package content

import "strings"

// actionFieldDocs says what each field of an action item holds.
var actionFieldDocs = []struct{ field, doc string }{
	{"what", "What will change, concretely: \"Alert when checkout p95 latency exceeds 2 s for 5 minutes\"."},
	{"owner", "The team or person who owns the item."},
	{"due", "When the item is due: YYYY-MM-DD, or a period such as \"Q1 2026\" or \"March 2026\" (its last day)."},
	{"status", "open, in-progress, done or wont-do (kb also reads todo, in progress, closed, won't fix and the like, in any case)."},
	{"done", "The day the item was done (YYYY-MM-DD), or yes."},
	{"link", "The item's ticket or issue."},
}

// actionItemShape is one action item: a mapping of what, owner, due,
// status, done and link (under any of the names kb reads for them), or a
// sentence. The value of a field kb reads must be a single value. The
// fields under all their names, in any case, are pattern properties,
// which editors check but do not propose.
func actionItemShape(owners []string) obj {
	props, synonyms := obj{}, obj{}
	for _, fd := range actionFieldDocs {
		s := obj{"type": nullableScalarTypes}
		switch fd.field {
		case "status":
			s = obj{"type": []string{"string", "null"}, "pattern": actionStatusPattern(), "examples": ActionStatuses()}
		case "owner":
			if len(owners) > 0 {
				s["examples"] = owners
			}
		}
		props[fd.field] = described(s, fd.doc, "")
		if others := ActionFieldKeys(fd.field)[1:]; len(others) > 0 {
			other := described(obj{}, "kb reads "+strings.Join(others, ", ")+" as "+fd.field+". "+fd.doc, "")
			for k, v := range s {
				other[k] = v
			}
			synonyms[anyCaseOf(ActionFieldKeys(fd.field))] = other
		}
	}
	item := obj{
		"type":                 []string{"object", "string", "number", "boolean", "null"},
		"properties":           props,
		"patternProperties":    synonyms,
		"additionalProperties": true,
	}
	return described(item, "An action item: a mapping of what, owner, due and status (and done, link), or a sentence. kb ignores other keys.",
		"An action item: a mapping such as\n\n```yaml\n- what: Add single-flight request coalescing to the product cache client\n  owner: team-platform\n  due: 2026-04-15\n  status: open\n  link: https://tracker.example/PLAT-123\n```\n\nor a sentence. kb ignores other keys.")
}

// actionsShape is the actions: list.
func actionsShape() obj {
	return obj{"type": []string{"array", "null"}, "items": obj{"$ref": "#/$defs/action"}}
}

// impactShape is the impact: mapping.
func impactShape() obj {
	count := func(text string) obj {
		return described(obj{"anyOf": []obj{
			{"type": "integer", "minimum": 0},
			{"type": "string", "pattern": `^[0-9]+([,_][0-9]+)*$`},
		}}, text, "")
	}
	props := obj{
		"users":     count("How many users the incident affected: a whole number, or digits with , or _ separators (\"12,000\")."),
		"customers": count("How many customers the incident affected; kb reads customers as users."),
		"failed_requests": described(obj{"anyOf": []obj{
			{"type": "number", "minimum": 0, "maximum": 100},
			{"type": "string", "pattern": `^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?) ?%?$`},
		}}, "The share of requests that failed, in percent: a number from 0 to 100, or a string such as \"4.5%\".", ""),
		"regions":   described(listShape(false, nil), "The regions affected: a list, or one comma-separated value.", ""),
		"data_lost": described(obj{"type": "boolean"}, "Whether data was lost.", ""),
		"cost":      described(obj{"type": nullableScalarTypes}, "What the incident cost, in money where known: \"USD 40,000\".", ""),
	}
	return obj{"type": []string{"object", "null"}, "properties": props, "additionalProperties": true}
}

// lintShape is the lint: mapping, {disable: [rule, ...]}.
func lintShape() obj {
	return obj{
		"type":                 []string{"object", "null"},
		"properties":           obj{"disable": described(listShape(false, nil), "The rules kb lint leaves out for this document, by id (blameless/counterfactual) or area (blameless).", "")},
		"additionalProperties": false,
	}
}

// quoted joins values as `a`, `b` for a markdown description.
func quoted(values []string) string {
	return "`" + strings.Join(values, "`, `") + "`"
}
