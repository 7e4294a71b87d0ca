package validate

import (
	"cmp"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The schema library builds, for every value it checks, the bookkeeping a
// detailed error report needs (instance and keyword locations, evaluated
// members, error trees): most of the time of a run over valid documents.
// quickCheck walks the same compiled schema without any of it and answers
// only whether a document is valid, for the constructs whose meaning it
// knows to be the library's. "Valid" ends the check of a document; anything
// else (invalid, or a construct it leaves to the library) hands the
// document to the library, which decides and says why. So a quick answer
// can only ever skip work, never change a result.

// verdict is a quick answer.
type verdict int8

const (
	maybe verdict = iota // the library decides
	yes
	no
)

// and combines the verdicts of checks that must all hold.
func (v verdict) and(w verdict) verdict {
	switch {
	case v == no || w == no:
		return no
	case v == maybe || w == maybe:
		return maybe
	}
	return yes
}

// quickMaxDepth bounds schema nesting the quick check follows: deeper, or
// a $ref cycle, is left to the library.
const quickMaxDepth = 200

// quickChecker answers for one compiled schema. It is read-only and safe
// for concurrent use.
type quickChecker struct {
	// formats are the format checks the compiler asserts, by name; nil
	// when formats are annotations.
	formats map[string]func(any) bool
}

func newQuickChecker(assert bool, overrides map[string]func(any) bool) *quickChecker {
	if !assert {
		return &quickChecker{}
	}
	formats := make(map[string]func(any) bool, len(jsonschema.Formats)+len(overrides))
	for name, f := range jsonschema.Formats {
		formats[name] = f
	}
	for name, f := range overrides {
		formats[name] = f
	}
	return &quickChecker{formats: formats}
}

// valid reports whether v is certainly valid against s.
func (q *quickChecker) valid(s *jsonschema.Schema, v any) bool {
	return q != nil && q.check(s, v, 0) == yes
}

func (q *quickChecker) check(s *jsonschema.Schema, v any, depth int) verdict {
	if depth > quickMaxDepth {
		return maybe
	}
	depth++
	if s.Always != nil {
		if *s.Always {
			return yes
		}
		return no
	}
	if s.RecursiveRef != nil || s.DynamicRef != nil || s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil || s.RegexProperties {
		return maybe
	}
	if len(s.Types) > 0 && !typeMatches(s.Types, v) {
		return no
	}
	r := yes
	if len(s.Constant) > 0 && !equalJSON(v, s.Constant[0]) {
		return no
	}
	if len(s.Enum) > 0 {
		found := false
		for _, e := range s.Enum {
			if equalJSON(v, e) {
				found = true
				break
			}
		}
		if !found {
			return no
		}
	}
	if s.Format != "" && q.formats != nil {
		if f := q.formats[s.Format]; f != nil && !f(v) {
			return no
		}
	}
	switch v := v.(type) {
	case map[string]any:
		r = r.and(q.object(s, v, depth))
	case []any:
		r = r.and(q.array(s, v, depth))
	case string:
		r = r.and(q.str(s, v))
	case json.Number:
		r = r.and(number(s, v))
	}
	if r == no {
		return no
	}
	if s.Ref != nil {
		if r = r.and(q.check(s.Ref, v, depth)); r == no {
			return no
		}
	}
	if s.Not != nil {
		switch q.check(s.Not, v, depth) {
		case yes:
			return no
		case maybe:
			r = maybe
		}
	}
	for _, sub := range s.AllOf {
		if r = r.and(q.check(sub, v, depth)); r == no {
			return no
		}
	}
	if len(s.AnyOf) > 0 {
		some := no
		for _, sub := range s.AnyOf {
			switch q.check(sub, v, depth) {
			case yes:
				some = yes
			case maybe:
				some = maybe
			}
			if some == yes {
				break
			}
		}
		if r = r.and(some); r == no {
			return no
		}
	}
	if len(s.OneOf) > 0 {
		valid, unsure := 0, false
		for _, sub := range s.OneOf {
			switch q.check(sub, v, depth) {
			case yes:
				valid++
			case maybe:
				unsure = true
			}
		}
		switch {
		case valid > 1:
			return no
		case unsure:
			r = maybe
		case valid == 0:
			return no
		}
	}
	if s.If != nil {
		var branch *jsonschema.Schema
		switch q.check(s.If, v, depth) {
		case yes:
			branch = s.Then
		case no:
			branch = s.Else
		default:
			r = maybe
		}
		if branch != nil {
			if r = r.and(q.check(branch, v, depth)); r == no {
				return no
			}
		}
	}
	for _, ext := range s.Extensions {
		if r = r.and(q.extension(ext, v, depth)); r == no {
			return no
		}
	}
	return r
}

func typeMatches(types []string, v any) bool {
	t := jsonTypeOf(v)
	for _, want := range types {
		if want == t || want == "integer" && t == "number" && isInteger(v) {
			return true
		}
	}
	return false
}

func jsonTypeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// plainInt reports whether a JSON number is written as an integer without
// fraction or exponent.
func plainInt(n string) bool {
	return !strings.ContainsAny(n, ".eE")
}

func isInteger(v any) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	if plainInt(string(n)) {
		return true
	}
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt()
}

// equalJSON is the schema library's equality: numbers by value (1 equals
// 1.0), objects by members, arrays by items in order.
func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case json.Number:
		bn, ok := b.(json.Number)
		return ok && compareNumbers(string(a), string(bn)) == 0
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !equalJSON(a[i], bs[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, av := range a {
			bv, ok := bm[k]
			if !ok || !equalJSON(av, bv) {
				return false
			}
		}
		return true
	}
	return false
}

// compareNumbers compares two JSON numbers by value.
func compareNumbers(a, b string) int {
	if a == b {
		return 0
	}
	if plainInt(a) && plainInt(b) && len(a) < 18 && len(b) < 18 {
		x, err1 := strconv.ParseInt(a, 10, 64)
		y, err2 := strconv.ParseInt(b, 10, 64)
		if err1 == nil && err2 == nil {
			return cmp.Compare(x, y)
		}
	}
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	if !ok1 || !ok2 {
		return strings.Compare(a, b)
	}
	return x.Cmp(y)
}

// compareRat compares a JSON number with a schema bound.
func compareRat(n string, r *big.Rat) int {
	if plainInt(n) && len(n) < 18 && r.IsInt() && r.Num().IsInt64() {
		if x, err := strconv.ParseInt(n, 10, 64); err == nil {
			return cmp.Compare(x, r.Num().Int64())
		}
	}
	x, ok := new(big.Rat).SetString(n)
	if !ok {
		return 0
	}
	return x.Cmp(r)
}

func number(s *jsonschema.Schema, v json.Number) verdict {
	n := string(v)
	if s.Minimum != nil && compareRat(n, s.Minimum) < 0 ||
		s.ExclusiveMinimum != nil && compareRat(n, s.ExclusiveMinimum) <= 0 ||
		s.Maximum != nil && compareRat(n, s.Maximum) > 0 ||
		s.ExclusiveMaximum != nil && compareRat(n, s.ExclusiveMaximum) >= 0 {
		return no
	}
	if s.MultipleOf != nil {
		x, ok := new(big.Rat).SetString(n)
		if !ok || s.MultipleOf.Sign() == 0 {
			return maybe
		}
		if !new(big.Rat).Quo(x, s.MultipleOf).IsInt() {
			return no
		}
	}
	return yes
}

func (q *quickChecker) str(s *jsonschema.Schema, v string) verdict {
	if s.MinLength != -1 || s.MaxLength != -1 {
		n := utf8.RuneCountInString(v)
		if s.MinLength != -1 && n < s.MinLength || s.MaxLength != -1 && n > s.MaxLength {
			return no
		}
	}
	if s.Pattern != nil && !s.Pattern.MatchString(v) {
		return no
	}
	if (s.ContentEncoding != "" || s.ContentMediaType != "") && contentAsserted(s) {
		return maybe
	}
	return yes
}

// contentAsserted reports whether the library checks contentEncoding and
// contentMediaType: in drafts 6 and 7 (docset never turns on the 2019-09
// content assertions).
func contentAsserted(s *jsonschema.Schema) bool {
	return s.Draft == jsonschema.Draft7 || s.Draft == jsonschema.Draft6 || s.Draft == jsonschema.Draft4
}

func (q *quickChecker) object(s *jsonschema.Schema, v map[string]any, depth int) verdict {
	if s.MinProperties != -1 && len(v) < s.MinProperties || s.MaxProperties != -1 && len(v) > s.MaxProperties {
		return no
	}
	for _, name := range s.Required {
		if _, ok := v[name]; !ok {
			return no
		}
	}
	r := yes
	for name, sch := range s.Properties {
		if pv, ok := v[name]; ok {
			if r = r.and(q.check(sch, pv, depth)); r == no {
				return no
			}
		}
	}
	if s.PropertyNames != nil {
		for name := range v {
			if r = r.and(q.check(s.PropertyNames, name, depth)); r == no {
				return no
			}
		}
	}
	if len(s.PatternProperties) > 0 || s.AdditionalProperties != nil {
		for name, pv := range v {
			matched := false
			if _, ok := s.Properties[name]; ok {
				matched = true
			}
			for re, sch := range s.PatternProperties {
				if re.MatchString(name) {
					matched = true
					if r = r.and(q.check(sch, pv, depth)); r == no {
						return no
					}
				}
			}
			if matched {
				continue
			}
			switch ap := s.AdditionalProperties.(type) {
			case bool:
				if !ap {
					return no
				}
			case *jsonschema.Schema:
				if r = r.and(q.check(ap, pv, depth)); r == no {
					return no
				}
			}
		}
	}
	for name, dep := range s.Dependencies {
		if _, ok := v[name]; !ok {
			continue
		}
		switch dep := dep.(type) {
		case []string:
			for _, req := range dep {
				if _, ok := v[req]; !ok {
					return no
				}
			}
		case *jsonschema.Schema:
			if r = r.and(q.check(dep, v, depth)); r == no {
				return no
			}
		}
	}
	for name, reqs := range s.DependentRequired {
		if _, ok := v[name]; ok {
			for _, req := range reqs {
				if _, ok := v[req]; !ok {
					return no
				}
			}
		}
	}
	for name, sch := range s.DependentSchemas {
		if _, ok := v[name]; ok {
			if r = r.and(q.check(sch, v, depth)); r == no {
				return no
			}
		}
	}
	return r
}

func (q *quickChecker) array(s *jsonschema.Schema, v []any, depth int) verdict {
	if s.MinItems != -1 && len(v) < s.MinItems || s.MaxItems != -1 && len(v) > s.MaxItems {
		return no
	}
	r := yes
	if s.UniqueItems {
		if len(v) > 64 {
			r = maybe // the library's hashing is cheaper than pairs here
		} else {
			for i := 1; i < len(v); i++ {
				for j := 0; j < i; j++ {
					if equalJSON(v[i], v[j]) {
						return no
					}
				}
			}
		}
	}
	switch items := s.Items.(type) {
	case *jsonschema.Schema:
		for _, item := range v {
			if r = r.and(q.check(items, item, depth)); r == no {
				return no
			}
		}
	case []*jsonschema.Schema:
		for i, item := range v {
			var sch *jsonschema.Schema
			if i < len(items) {
				sch = items[i]
			} else if ai, ok := s.AdditionalItems.(*jsonschema.Schema); ok {
				sch = ai
			} else {
				break
			}
			if r = r.and(q.check(sch, item, depth)); r == no {
				return no
			}
		}
		if ai, ok := s.AdditionalItems.(bool); ok && !ai && len(v) > len(items) {
			return no
		}
	}
	for i, item := range v {
		var sch *jsonschema.Schema
		switch {
		case i < len(s.PrefixItems):
			sch = s.PrefixItems[i]
		case s.Items2020 != nil:
			sch = s.Items2020
		}
		if sch == nil {
			break
		}
		if r = r.and(q.check(sch, item, depth)); r == no {
			return no
		}
	}
	if s.Contains != nil && (s.MinContains != -1 || s.MaxContains != -1) {
		matched, unsure := 0, false
		for _, item := range v {
			switch q.check(s.Contains, item, depth) {
			case yes:
				matched++
			case maybe:
				unsure = true
			}
		}
		switch {
		case unsure:
			r = maybe
		case s.MinContains != -1 && matched < s.MinContains, s.MaxContains != -1 && matched > s.MaxContains:
			return no
		}
	}
	return r
}

// extension answers for docset's own keywords; any other is the library's.
func (q *quickChecker) extension(ext jsonschema.ExtSchema, v any, depth int) verdict {
	switch e := ext.(type) {
	case *ecmaSchema:
		return q.ecma(e, v, depth)
	case refSchema:
		return q.check(e.target, v, depth)
	}
	return maybe
}

func (q *quickChecker) ecma(s *ecmaSchema, v any, depth int) verdict {
	switch v := v.(type) {
	case string:
		if s.re == nil {
			return yes
		}
		ok, err := s.re.MatchString(v)
		switch {
		case err != nil:
			return maybe
		case !ok:
			return no
		}
	case map[string]any:
		r := yes
		for name, pv := range v {
			matched := false
			for _, pp := range s.props {
				ok, err := pp.re.MatchString(name)
				if err != nil {
					return maybe
				}
				if ok {
					matched = true
					if r = r.and(q.check(pp.schema, pv, depth)); r == no {
						return no
					}
				}
			}
			if matched || s.named[name] || !s.additional {
				continue
			}
			switch {
			case s.additionalSchema != nil:
				if r = r.and(q.check(s.additionalSchema, pv, depth)); r == no {
					return no
				}
			case !s.allowAdditional:
				return no
			}
		}
		return r
	}
	return yes
}
