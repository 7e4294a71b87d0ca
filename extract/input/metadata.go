package input

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/docset/docset/schema"
)

// languageTag is the record schema's pattern for metadata.language.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// setMeta sets the metadata field named key from value, checking the value
// the way the record schema will, so that a bad value is reported at its
// place in the input rather than as a schema error later. It reports
// known=false for a key that is not a metadata field. An empty value leaves
// the field unknown.
func setMeta(m *schema.Metadata, key, value string) (known bool, err error) {
	value = strings.TrimSpace(value)
	var field *string
	check := func(string) error { return nil }
	switch key {
	case "title":
		field = &m.Title
	case "url":
		field = &m.URL
		check = checkURL
	case "published", "date":
		field = &m.Published
		check = func(v string) error {
			d, err := normalizeDate(v)
			if err == nil {
				value = d
			}
			return err
		}
	case "language":
		field = &m.Language
		check = func(v string) error {
			if !languageTag.MatchString(v) {
				return fmt.Errorf("language %q is not a language tag; use one like en or pt-BR", v)
			}
			return nil
		}
	case "source":
		field = &m.Source
	case "license", "licence":
		field = &m.License
	default:
		return false, nil
	}
	if value == "" {
		return true, nil
	}
	if err := check(value); err != nil {
		return true, err
	}
	*field = value
	return true, nil
}

func checkURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "") || strings.ContainsAny(v, " \t\n") {
		return fmt.Errorf("url %q is not an absolute URL; write it like https://example.org/news/1", v)
	}
	return nil
}

// normalizeDate accepts a full date (2019-09-12) or an RFC 3339 date-time
// and returns the full date as written (the date-time's own calendar day).
func normalizeDate(v string) (string, error) {
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return v, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("date %q is not a date; write it like 2019-09-12", v)
}
