package index

import "strings"

// toBleve returns the fields of d as the mapping indexes them, keyed by
// field name. Empty values are left out: bleve's keyword analyzer would
// index an empty string as a term, and a facet value "" means nothing.
func toBleve(d *Document) map[string]any {
	m := make(map[string]any, 12)
	for name, v := range map[string]string{
		FieldTitle: d.Title, FieldNames: d.Names, FieldBody: d.Body,
		FieldKind: d.Kind, FieldSeverity: d.Severity, FieldStatus: d.Status,
	} {
		if strings.TrimSpace(v) != "" {
			m[name] = v
		}
	}
	for name, list := range map[string][]string{
		FieldService: d.Services, FieldTag: d.Tags, FieldOwner: d.Owners, FieldAlert: d.Alerts,
	} {
		if vs := nonEmpty(list); len(vs) > 0 {
			m[name] = vs
		}
	}
	if !d.Date.IsZero() {
		m[FieldDate] = d.Date
	}
	if d.TimeToResolve > 0 {
		m[FieldTTR] = d.TimeToResolve.Minutes()
	}
	return m
}

// nonEmpty returns the values of list that are not blank.
func nonEmpty(list []string) []string {
	var out []string
	for _, v := range list {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}
