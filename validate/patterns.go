package validate

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The schema library compiles pattern and patternProperties with Go's
// regexp and checks them against the metaschema's format "regex" with it
// too. prepareSchema moves a pattern that Go does not read with its
// ECMA-262 meaning to docset's keywords, compiled here and checked with
// the ECMA-262 engine; patternProperties moves with the
// additionalProperties beside it, which depends on which names the
// patterns match. Findings keep the standard keyword names.

// docsetKeywords compiles the keywords prepareSchema writes.
type docsetKeywords struct {
	res *regexCache
	// unresolved maps the message an unserved $ref fails with to its
	// error, so that check tells a document reaching one.
	unresolved map[string]*UnresolvedRefError
}

func (e docsetKeywords) Compile(ctx jsonschema.CompilerContext, m map[string]any) (jsonschema.ExtSchema, error) {
	if target, ok := m[kwRef].(string); ok {
		// Compiled as if applied to another value: the library's check for
		// cycles at compile time does not see it; its check at validation
		// time reports a cycle a document really runs into.
		sch, err := ctx.CompileRef(target, kwRef, false)
		if err != nil {
			return nil, err
		}
		return refSchema{sch}, nil
	}
	if u, ok := m[kwUnresolved].(map[string]any); ok {
		ref, _ := u["url"].(string)
		why, _ := u["error"].(string)
		ue := &UnresolvedRefError{URL: ref, Msg: why}
		e.unresolved[ue.Error()] = ue
		return unresolvedSchema{ue}, nil
	}
	var s ecmaSchema
	if pat, ok := m[kwPattern].(string); ok {
		c, err := e.res.compile(pat)
		if err != nil {
			return nil, err
		}
		s.pattern, s.re = pat, c.m
	}
	if pp, ok := m[kwPatternPr].(map[string]any); ok {
		pats := make([]string, 0, len(pp))
		for pat := range pp {
			pats = append(pats, pat)
		}
		slices.Sort(pats)
		for _, pat := range pats {
			c, err := e.res.compile(pat)
			if err != nil {
				return nil, err
			}
			sch, err := ctx.Compile(kwPatternPr+"/"+refToken(pat), false)
			if err != nil {
				return nil, err
			}
			s.props = append(s.props, patternProp{pat, c.m, sch})
		}
		if props, ok := m["properties"].(map[string]any); ok {
			s.named = make(map[string]bool, len(props))
			for name := range props {
				s.named[name] = true
			}
		}
		switch ap := m[kwAdditional].(type) {
		case bool:
			s.additional, s.allowAdditional = true, ap
		case map[string]any:
			sch, err := ctx.Compile(kwAdditional, false)
			if err != nil {
				return nil, err
			}
			s.additional, s.additionalSchema = true, sch
		}
	}
	if s.re == nil && len(s.props) == 0 {
		return nil, nil
	}
	return &s, nil
}

type refSchema struct{ target *jsonschema.Schema }

func (s refSchema) Validate(ctx jsonschema.ValidationContext, v any) error {
	return ctx.Validate(s.target, "$ref", v, "")
}

// UnresolvedRefError is a document reaching a $ref no local file serves:
// docset cannot say whether it is valid.
type UnresolvedRefError struct {
	URL string
	Msg string
}

func (e *UnresolvedRefError) Error() string {
	return fmt.Sprintf("cannot be validated: it reaches $ref %s: %s", e.URL, e.Msg)
}

// unresolvedSchema fails every value. Where that failure decides the
// result, check reports the document as not validated; where it does not
// (another anyOf branch holds), the result stands.
type unresolvedSchema struct{ err *UnresolvedRefError }

func (s unresolvedSchema) Validate(ctx jsonschema.ValidationContext, _ any) error {
	return ctx.Error("$ref", "%s", s.err.Error())
}

type ecmaSchema struct {
	pattern          string
	re               matcher
	props            []patternProp
	named            map[string]bool
	additional       bool // additionalProperties is present
	allowAdditional  bool
	additionalSchema *jsonschema.Schema
}

type patternProp struct {
	pattern string
	re      matcher
	schema  *jsonschema.Schema
}

func (s *ecmaSchema) Validate(ctx jsonschema.ValidationContext, v any) error {
	var errs []error
	switch v := v.(type) {
	case string:
		if s.re == nil {
			return nil
		}
		ok, err := s.re.MatchString(v)
		switch {
		case err != nil:
			errs = append(errs, ctx.Error("pattern", "%s", boundMessage(s.pattern, err)))
		case !ok:
			errs = append(errs, ctx.Error("pattern", "does not match pattern %s", quote(s.pattern)))
		}
	case map[string]any:
		if len(s.props) == 0 {
			return nil
		}
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		slices.Sort(names)
		var extra []string
		for _, name := range names {
			matched := false
			for _, pp := range s.props {
				ok, err := pp.re.MatchString(name)
				if err != nil {
					errs = append(errs, ctx.Error("patternProperties/"+refToken(pp.pattern), "%s", boundMessage(pp.pattern, err)))
					continue
				}
				if !ok {
					continue
				}
				matched = true
				ctx.EvaluatedProp(name)
				if err := validateMember(ctx, pp.schema, "patternProperties/"+refToken(pp.pattern), v[name], name); err != nil {
					errs = append(errs, err)
				}
			}
			if matched || s.named[name] || !s.additional {
				continue
			}
			switch {
			case s.additionalSchema != nil:
				if err := validateMember(ctx, s.additionalSchema, "additionalProperties", v[name], name); err != nil {
					errs = append(errs, err)
				}
			case !s.allowAdditional:
				extra = append(extra, quote(name))
			}
		}
		if s.additional {
			// additionalProperties evaluates every member.
			for _, name := range names {
				ctx.EvaluatedProp(name)
			}
		}
		if len(extra) > 0 {
			errs = append(errs, ctx.Error("additionalProperties", "additionalProperties %s not allowed", strings.Join(extra, ", ")))
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return jsonschema.ValidationError{}.Group(ctx.Error("", ""), errs...)
}

// validateMember validates the member name of an object against sch.
func validateMember(ctx jsonschema.ValidationContext, sch *jsonschema.Schema, spath string, v any, name string) error {
	if name == "" {
		// The library reads an empty instance path as the object itself.
		if err := sch.Validate(v); err != nil {
			return ctx.Error(spath, "property '' is not valid: %s", leafMessages(err))
		}
		return nil
	}
	return ctx.Validate(sch, spath, v, refToken(name))
}

func leafMessages(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var msgs []string
	for _, l := range leavesOf(ve) {
		msgs = append(msgs, l.Message)
	}
	return strings.Join(msgs, "; ")
}

func boundMessage(pattern string, err error) string {
	return fmt.Sprintf("gave up matching pattern %s (%v): the pattern backtracks too much on this value; simplify it, e.g. remove nested quantifiers", quote(pattern), err)
}

// refToken escapes a JSON Pointer token as the schema library writes it in
// URL fragments and keyword paths.
func refToken(s string) string {
	return url.PathEscape(strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1"))
}
