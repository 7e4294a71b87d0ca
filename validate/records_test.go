package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// leadRecord decodes the example lead record the way the validator does.
func leadRecord(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := newDecoder().decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return v.(map[string]any)
}

func at(v any, path ...any) map[string]any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v.(map[string]any)
}

func TestCheckRecord(t *testing.T) {
	type finding struct{ Pointer, Rule string }
	tests := []struct {
		name   string
		change func(r map[string]any)
		want   []finding
		msg    string // a fragment of the first message
	}{
		{"valid", func(map[string]any) {}, nil, ""},
		{"offsets in bytes, not code points", func(r map[string]any) {
			// “three-way naval drill” starts at code point 335 but byte 339.
			q := at(r, "quotes", 0)
			q["start"], q["end"] = json.Number("339"), json.Number("360")
		}, []finding{{"/quotes/0/text", RuleSpanText}}, `text[339:360] = "e-way naval drill” in"`},
		{"end past text", func(r map[string]any) {
			at(r, "entities", 6, "mentions", 0)["end"] = json.Number("500")
		}, []finding{{"/entities/6/mentions/0/end", RuleSpanRange}}, "past the end of text (412 code points)"},
		{"start after end", func(r map[string]any) {
			at(r, "paragraphs", 1)["start"] = json.Number("413")
		}, []finding{{"/paragraphs/1/start", RuleSpanRange}}, "after end"},
		{"sentence text", func(r map[string]any) {
			at(r, "sentences", 0)["text"] = "Russian Defence Minister"
		}, []finding{{"/sentences/0/text", RuleSpanText}}, ""},
		{"integral float offsets are integers", func(r map[string]any) {
			at(r, "dates", 0)["start"] = json.Number("44.0")
		}, nil, ""},
		{"duplicate ids", func(r map[string]any) {
			at(r, "paragraphs", 1)["id"] = "p1"
			at(r, "dates", 1)["id"] = "d1"
		}, []finding{{"/paragraphs/1/id", RuleUniqueID}, {"/dates/1/id", RuleUniqueID}}, `id "p1" is already used by /paragraphs/0`},
		{"ids are per collection", func(r map[string]any) {
			at(r, "dates", 0)["id"] = "e1"
		}, nil, ""},
		{"unknown speaker", func(r map[string]any) {
			at(r, "quotes", 0)["speaker"] = "e42"
		}, []finding{{"/quotes/0/speaker", RuleSpeakerRef}}, `speaker "e42"`},
		{"known speaker", func(r map[string]any) {
			at(r, "quotes", 0)["speaker"] = "e1"
		}, nil, ""},
		{"overlapping entities", func(r map[string]any) {
			// "Kim Jong Un" [312,323) also claimed by a second entity as "Jong".
			r["entities"] = append(r["entities"].([]any), map[string]any{"id": "e8", "name": "Jong", "type": "person",
				"mentions": []any{map[string]any{"start": json.Number("316"), "end": json.Number("320"), "text": "Jong"}}})
		}, []finding{{"/entities/7/mentions/0", RuleMentionOverlap}}, "of entity e8 overlaps mention [312,323) of entity e5"},
		{"touching mentions do not overlap", func(r map[string]any) {
			r["entities"] = append(r["entities"].([]any), map[string]any{"id": "e8", "name": "x", "type": "other",
				"mentions": []any{map[string]any{"start": json.Number("38"), "end": json.Number("39"), "text": " "}}})
		}, nil, ""},
		{"wrong types are left to the schema", func(r map[string]any) {
			r["text"] = json.Number("1")
			at(r, "quotes", 0)["speaker"] = json.Number("1")
			r["entities"] = "none"
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := leadRecord(t)
			tt.change(r)
			var scratch checkScratch
			issues := checkRecord(r, &scratch)
			var got []finding
			for _, is := range issues {
				got = append(got, finding{is.Pointer, is.Rule})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("findings (-want +got):\n%s\n%v", diff, issues)
			}
			if tt.msg != "" && !strings.Contains(issues[0].Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", issues[0].Msg, tt.msg)
			}
		})
	}
}

// TestExampleRecords pins the shipped examples: every valid record passes
// and every invalid/<rule>.json shows exactly one defect, of that rule.
func TestExampleRecords(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	valid, err := v.Validate(t.Context(), []string{"../testdata/records/valid"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := valid.Summary(); !valid.Valid() || s.Records < 4 {
		t.Errorf("valid examples: %+v %v", s, valid.Files)
	}
	files, _ := filepath.Glob("../testdata/records/invalid/*.json")
	if len(files) < 10 {
		t.Fatalf("only %d invalid examples", len(files))
	}
	for _, f := range files {
		rep, err := v.Validate(t.Context(), []string{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		rule := strings.TrimSuffix(filepath.Base(f), ".json")
		fs := rep.Files[0].Findings
		if len(fs) != 1 || fs[0].Rule != rule {
			t.Errorf("%s: want exactly one %s finding, got %v", f, rule, fs)
		}
	}
}

// TestCheckRecoversFromBugs: a panic while checking one document becomes
// a finding on that document instead of ending the run.
func TestCheckRecoversFromBugs(t *testing.T) {
	broken := &Validator{} // no schema: checking panics
	fs, _ := broken.check(newDecoder(), []byte(`{}`))
	if len(fs) != 1 || fs[0].Rule != RuleInternal {
		t.Errorf("got %v, want one %s finding", fs, RuleInternal)
	}
}
