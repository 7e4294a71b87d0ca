package exporters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/docset/docset/internal/atomicfile"
	"github.com/docset/docset/schema"
)

// DataPackageFile is the Data Package descriptor the CSV format writes
// beside the csv/ folder.
const DataPackageFile = "datapackage.json"

// The descriptor follows Frictionless Data Package v1 (profile
// tabular-data-package) with a Table Schema per CSV; the struct order is
// the output order, so the file is deterministic.
type dataPackage struct {
	Profile     string `json:"profile"`
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// RecordSchema is the $id of the record schema the tables come from:
	// a custom property, which the Data Package spec allows.
	RecordSchema string         `json:"recordSchema,omitempty"`
	Resources    []dataResource `json:"resources"`
}

type dataResource struct {
	Profile     string      `json:"profile"`
	Name        string      `json:"name"`
	Path        string      `json:"path"`
	Title       string      `json:"title,omitempty"`
	Description string      `json:"description,omitempty"`
	Format      string      `json:"format"`
	Mediatype   string      `json:"mediatype"`
	Encoding    string      `json:"encoding"`
	Dialect     csvDialect  `json:"dialect"`
	Schema      tableSchema `json:"schema"`
}

type csvDialect struct {
	Delimiter      string `json:"delimiter"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	DoubleQuote    bool   `json:"doubleQuote"`
	Header         bool   `json:"header"`
}

type tableSchema struct {
	Fields        []tableField `json:"fields"`
	MissingValues []string     `json:"missingValues"`
	PrimaryKey    []string     `json:"primaryKey,omitempty"`
	ForeignKeys   []foreignKey `json:"foreignKeys,omitempty"`
}

type tableField struct {
	Name        string       `json:"name"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Constraints *constraints `json:"constraints,omitempty"`
}

type constraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
	Minimum  *float64 `json:"minimum,omitempty"`
}

type foreignKey struct {
	Fields    []string    `json:"fields"`
	Reference fkReference `json:"reference"`
}

type fkReference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// writeDataPackage writes DIR/datapackage.json for the CSV files.
func writeDataPackage(ds *Dataset, dir string, opts Options) error {
	data, err := dataPackageJSON(ds.Layout, ds.Schema, opts)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, DataPackageFile), data, atomicfile.Options{})
}

// dataPackageJSON builds the descriptor from the layout (tables, columns,
// keys) and the schema document (the dataset's title and description).
func dataPackageJSON(l *schema.Layout, doc []byte, opts Options) ([]byte, error) {
	root, err := schema.ParseNode(doc)
	if err != nil {
		return nil, fmt.Errorf("datapackage: record schema: %w", err)
	}
	dp := dataPackage{
		Profile:      "tabular-data-package",
		Name:         packageName(l.Title),
		Title:        l.Title,
		Description:  packageDescription(root.String("description"), opts),
		RecordSchema: l.SchemaID,
	}
	dialect := csvDialect{Delimiter: ",", LineTerminator: "\n", QuoteChar: `"`, DoubleQuote: true, Header: true}
	if opts.Excel {
		dialect.LineTerminator = "\r\n"
	}
	tables := map[string]*schema.Table{}
	for _, t := range l.Tables {
		tables[t.Name] = t
	}
	// name is the field name of column col of table, as the file's header
	// row has it: with --excel the file starts with a byte order mark,
	// which Frictionless' readers take as part of the first column's name
	// (its Python name, utf-8-sig, is an encoding the JavaScript libraries
	// do not know). Describing the header as it is lets them read the file
	// as it is.
	name := func(table, col string) string {
		if t := tables[table]; opts.Excel && t != nil && len(t.Columns) > 0 && t.Columns[0].Name == col {
			return "\ufeff" + col
		}
		return col
	}
	names := func(table string, cols []string) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = name(table, c)
		}
		return out
	}
	for _, t := range l.Tables {
		r := dataResource{
			Profile:     "tabular-data-resource",
			Name:        t.Name,
			Path:        path.Join(csvDir, t.Name+".csv"),
			Title:       t.Title,
			Description: t.Description,
			Format:      "csv",
			Mediatype:   "text/csv",
			Encoding:    "utf-8",
			Dialect:     dialect,
			Schema: tableSchema{
				MissingValues: []string{""},
				PrimaryKey:    names(t.Name, t.PrimaryKey),
			},
		}
		// Frictionless checks a composite foreign key unless every one of
		// its fields is empty, so a key with a nullable part (a quotation's
		// speaker beside its document_id) would reject every unattributed
		// row. Such keys are described on the field instead.
		loose := map[string]string{}
		for _, fk := range t.ForeignKeys {
			if c := nullablePart(t, fk); c != "" {
				loose[c] = fmt.Sprintf(" Refers to %s (%s) together with %s; empty when there is none. Not declared as a foreign key because Frictionless checks a composite key whenever any part of it is filled.",
					fk.RefTable, strings.Join(fk.RefColumns, ", "), strings.Join(slices.DeleteFunc(slices.Clone(fk.Columns), func(s string) bool { return s == c }), ", "))
				continue
			}
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, foreignKey{
				Fields:    names(t.Name, fk.Columns),
				Reference: fkReference{Resource: fk.RefTable, Fields: names(fk.RefTable, fk.RefColumns)},
			})
		}
		for _, c := range t.Columns {
			f, err := tableFieldFor(c, opts)
			if err != nil {
				return nil, fmt.Errorf("datapackage: table %s: %w", t.Name, err)
			}
			f.Description += loose[c.Name]
			if f.Name = name(t.Name, c.Name); f.Name != c.Name {
				f.Description += " The name begins with the byte order mark that begins the file, as the header row reads without skipping it."
			}
			r.Schema.Fields = append(r.Schema.Fields, f)
		}
		dp.Resources = append(dp.Resources, r)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(dp); err != nil {
		return nil, fmt.Errorf("datapackage: %w", err)
	}
	return buf.Bytes(), nil
}

// nullablePart returns the nullable column of a foreign key, or "".
func nullablePart(t *schema.Table, fk schema.ForeignKey) string {
	for _, name := range fk.Columns {
		if c := t.Column(name); c != nil && c.Nullable {
			return name
		}
	}
	return ""
}

func packageDescription(desc string, opts Options) string {
	notes := []string{
		"One CSV file per table; every table starts with the keys that join it to its parents. An empty field is a missing value (null); an empty text is written as \"\".",
	}
	if opts.Excel {
		notes = append(notes, "Written for Excel: every CSV file starts with a UTF-8 byte order mark and rows end in CRLF; line breaks inside a field are kept as written. The byte order mark reads as the start of the first column's name, and the first field of each table is named so here (\\ufeff and the column's name); a reader that skips the mark finds the name without it.")
	}
	if !opts.Raw {
		notes = append(notes, "Text cells that begin with =, +, -, @, tab, CR or LF are written with one leading apostrophe (') so that spreadsheet programs show them as text instead of running them as formulas (OWASP CSV injection guidance); remove that one apostrophe from such a cell to get the original text. Number columns are never changed. Export with --raw to write every cell as is.")
	}
	return strings.TrimSpace(strings.Join(append([]string{desc}, notes...), "\n\n"))
}

// packageName makes a Data Package name (lowercase a-z, 0-9, -, _, .)
// from the schema title.
func packageName(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "dataset"
	}
	return b.String()
}

// tableFieldFor maps a column to a Table Schema field: JSON Schema type and
// format to a Frictionless type, and the constraints that carry over.
func tableFieldFor(c *schema.Column, opts Options) (tableField, error) {
	f := tableField{Name: c.Name, Title: c.Title, Description: c.Description, Type: c.Type}
	switch c.Type {
	case "string":
		switch c.Format {
		case "date":
			f.Type = "date"
		case "date-time":
			f.Type = "datetime"
		case "uri", "email":
			f.Format = c.Format
		}
	case "integer", "number", "boolean":
	default:
		return f, fmt.Errorf("column %s: type %q has no Table Schema type", c.Name, c.Type)
	}
	if c.Join != "" {
		f.Description = strings.TrimSpace(f.Description + fmt.Sprintf(" Several values are joined by %q.", c.Join))
	}
	neutralized := !opts.Raw && f.Type == "string"
	var k constraints
	k.Required = c.Required && !c.Nullable
	for _, v := range c.Enum {
		if neutralized && formulaLike(v) {
			v = "'" + v
		}
		k.Enum = append(k.Enum, v)
	}
	if c.Pattern != "" && c.Join == "" {
		p, ok := fullMatchPattern(c.Pattern)
		if ok && neutralized && mayStartFormula(p) {
			p = "'?(" + p + ")"
		}
		if ok {
			k.Pattern = p
		} else {
			f.Description = strings.TrimSpace(f.Description + fmt.Sprintf(" Values match the regular expression %s.", c.Pattern))
		}
	}
	k.Minimum = c.Minimum
	if k.Required || k.Enum != nil || k.Pattern != "" || k.Minimum != nil {
		f.Constraints = &k
	}
	return f, nil
}

// fullMatchPattern turns a JSON Schema pattern (ECMA-262, matching
// anywhere unless anchored) into a Table Schema one (XML Schema style,
// matching the whole value, no anchors). It reports false for patterns
// with anchors inside, which have no faithful translation.
func fullMatchPattern(p string) (string, bool) {
	rest, head := strings.CutPrefix(p, "^")
	tail := strings.HasSuffix(rest, "$") && !strings.HasSuffix(rest, `\$`)
	if tail {
		rest = rest[:len(rest)-1]
	}
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '$':
			return "", false
		case '^':
			if i == 0 || rest[i-1] != '[' {
				return "", false
			}
		}
	}
	if _, err := syntax.Parse(rest, syntax.Perl); err != nil {
		return "", false
	}
	if strings.Contains(rest, "|") {
		rest = "(" + rest + ")"
	}
	if !head {
		rest = ".*" + rest
	}
	if !tail {
		rest += ".*"
	}
	return rest, true
}

// mayStartFormula reports whether a value matching the full-match pattern
// p may begin with a character that CSV neutralization prefixes.
func mayStartFormula(p string) bool {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return true
	}
	for _, r := range "=+-@\t\r\n" {
		if may, _ := mayStart(re.Simplify(), r); may {
			return true
		}
	}
	return false
}

// mayStart reports whether a match of re may begin with r and whether re
// matches the empty string; when unsure it says yes.
func mayStart(re *syntax.Regexp, r rune) (may, empty bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return false, true
	case syntax.OpNoMatch:
		return false, false
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return false, true
		}
		c := re.Rune[0]
		return c == r || (re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(c) == r), false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= r && r <= re.Rune[i+1] {
				return true, false
			}
		}
		return false, false
	case syntax.OpAnyCharNotNL:
		return r != '\n', false
	case syntax.OpAnyChar:
		return true, false
	case syntax.OpCapture, syntax.OpPlus:
		return mayStart(re.Sub[0], r)
	case syntax.OpStar, syntax.OpQuest:
		may, _ := mayStart(re.Sub[0], r)
		return may, true
	case syntax.OpRepeat:
		may, empty := mayStart(re.Sub[0], r)
		return may, empty || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			may, empty := mayStart(sub, r)
			if may {
				return true, false
			}
			if !empty {
				return false, false
			}
		}
		return false, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			may, e := mayStart(sub, r)
			if may {
				return true, e
			}
			empty = empty || e
		}
		return false, empty
	}
	return true, true
}
