package validate

import (
	"fmt"
	"strings"
)

// Rule describes a rule that findings name (Finding.Rule): one of docset's
// own checks or a JSON Schema keyword. Reports that carry rule metadata
// (SARIF) read it from here.
type Rule struct {
	// ID is the name findings carry.
	ID string
	// Name says what is wrong in PascalCase, for tools that show a name
	// beside the id (SARIF wants the two to differ).
	Name string
	// Short is one line; Full says what is checked; Help says what to do
	// about a finding.
	Short, Full, Help string
}

// Rules lists every rule docset reports: the well-formedness checks every
// input gets, the record checks, then the JSON Schema keywords that can
// fail (of drafts 4 to 2020-12), grouped as the specifications group them.
// The list is the same whatever the input, so a report's rules change only
// with docset's version.
func Rules() []Rule {
	return []Rule{
		// Well-formedness and input.
		{RuleSyntax, "MalformedJson", "The input is not well-formed JSON.",
			"The document does not parse as JSON (RFC 8259): a missing comma, bracket or quote, a trailing comma, a comment, an unquoted key, or text after the value.",
			"Correct the text at the reported line and column. The message says what the parser expected there."},
		{RuleEmpty, "EmptyInput", "The input holds no JSON value.",
			"The file (or, for JSON Lines, the whole file) is empty or only whitespace, so there is no document to check.",
			"Write a JSON document into the file, or remove the file from the paths given."},
		{RuleInvalidUTF8, "InvalidUtf8", "The input is not valid UTF-8.",
			"JSON exchanged between systems must be UTF-8 (RFC 8259, section 8.1); the reported byte does not start or continue a UTF-8 character.",
			"Save the file as UTF-8 (for example with iconv -f LATIN1 -t UTF-8, naming the encoding it was written in)."},
		{RuleDuplicateKey, "DuplicateKey", "An object has the same key twice.",
			"RFC 8259 says object names should be unique; readers disagree on which of two values wins, so the document means different things to different programs. docset checks the last value, as encoding/json and JavaScript keep it.",
			"Keep one of the two members and delete the other."},
		{RuleNumberRange, "NumberOutOfRange", "A number is beyond the range of a double.",
			"The number is too large in magnitude for an IEEE 754 double, which is what most JSON readers turn it into: they would read infinity or fail.",
			"Write the number within ±1.8e308, or store it as a string if it is an identifier rather than a quantity."},
		{RuleLineTooLong, "LineTooLong", "A JSON Lines line is longer than the limit.",
			"A line of a JSON Lines file (*.ndjson, *.jsonl) is longer than the line limit, so it was skipped rather than read into memory.",
			"Split the record, or check that the file really has one document per line (a pretty-printed document is not JSON Lines)."},
		{RuleInternal, "InternalError", "docset could not check this document.",
			"A check failed unexpectedly on this document; the other documents were still checked.",
			"Report it with the document so it can be fixed; until then, check the document by other means."},

		// Record checks.
		{RuleSpanRange, "SpanOutOfRange", "A span lies outside the record's text.",
			"A span's start or end is below 0 or beyond the length of the record's text (in Unicode code points), or start is greater than end.",
			"Correct start and end so that 0 ≤ start ≤ end ≤ the length of text, counting Unicode code points."},
		{RuleSpanText, "SpanTextMismatch", "A span's text differs from the slice of the record's text.",
			"The text stored with a span (paragraph, sentence, mention, quotation, date, quantity) must equal text[start:end], with offsets counted in Unicode code points.",
			"Correct start and end to the place the text occurs (the message names it when the text occurs elsewhere), or set text to the slice."},
		{RuleUniqueID, "DuplicateId", "An id is used twice in one collection.",
			"Ids must be unique within paragraphs, entities, quotes, dates and quantities, so that references to them are unambiguous.",
			"Give one of the two items a new id, and update any reference to it."},
		{RuleSpeakerRef, "UnknownSpeaker", "A quotation's speaker is not an entity id.",
			"A quotation's speaker must be the id of an entity in the record's entities, or null when the speaker is not named.",
			"Use the id of the speaking entity from /entities, add the entity, or set speaker to null."},
		{RuleMentionOverlap, "OverlappingMentions", "Mentions of two different entities overlap.",
			"A stretch of text names one entity, so mentions of different entities must not overlap.",
			"Shorten one of the two spans, or merge the entities when they are the same."},

		// JSON Schema: any instance.
		{"type", "TypeMismatch", "The value has the wrong JSON type.", "The value's type (string, number, integer, boolean, null, object, array) is not one the schema's type keyword allows.", "Write a value of the type the message names, or change the schema if it is too strict."},
		{"enum", "NotInEnum", "The value is not one of the allowed values.", "The schema's enum keyword lists every allowed value; the value equals none of them.", "Use one of the values the message lists (comparison is exact: case and type matter)."},
		{"const", "NotConst", "The value is not the required constant.", "The schema's const keyword allows exactly one value.", "Write the value the message names."},

		// JSON Schema: numbers.
		{"multipleOf", "NotMultipleOf", "The number is not a multiple of the required step.", "The schema's multipleOf keyword requires the number divided by it to be an integer.", "Round the number to a multiple of the step the message names."},
		{"maximum", "AboveMaximum", "The number is above the maximum.", "The schema's maximum keyword bounds the number from above, inclusively.", "Write a number at most the maximum the message names."},
		{"exclusiveMaximum", "NotBelowExclusiveMaximum", "The number is not below the exclusive maximum.", "The schema's exclusiveMaximum keyword requires the number to be strictly less than the bound.", "Write a number below the bound the message names."},
		{"minimum", "BelowMinimum", "The number is below the minimum.", "The schema's minimum keyword bounds the number from below, inclusively.", "Write a number at least the minimum the message names."},
		{"exclusiveMinimum", "NotAboveExclusiveMinimum", "The number is not above the exclusive minimum.", "The schema's exclusiveMinimum keyword requires the number to be strictly greater than the bound.", "Write a number above the bound the message names."},

		// JSON Schema: strings.
		{"maxLength", "StringTooLong", "The string is too long.", "The schema's maxLength keyword bounds the string's length, counted in Unicode code points.", "Shorten the string to the length the message names."},
		{"minLength", "StringTooShort", "The string is too short.", "The schema's minLength keyword requires at least that many Unicode code points.", "Lengthen the string, or remove the member if an empty value means it is absent."},
		{"pattern", "PatternMismatch", "The string does not match the required pattern.", "The schema's pattern keyword is a regular expression the string must match (anywhere in the string unless the pattern is anchored with ^ and $).", "Rewrite the value to match the pattern the message shows."},
		{"format", "InvalidFormat", "The string is not valid for its format.", "The schema's format keyword names a syntax (date, date-time, email, uri, ipv4, uuid, regex, ...) that docset asserts: the string must follow it.", "Write the value in the named format, e.g. a date as 2026-12-04 and a date-time as 2026-12-04T09:30:00Z."},
		{"contentEncoding", "InvalidContentEncoding", "The string is not in its declared encoding.", "The schema's contentEncoding keyword (e.g. base64) says how the string encodes its content; the string does not decode.", "Encode the content as declared, e.g. with base64 and its padding."},
		{"contentMediaType", "InvalidContentMediaType", "The string's content is not of its declared media type.", "The schema's contentMediaType keyword (e.g. application/json) says what the decoded content is; it does not parse as that.", "Store content of the declared media type."},
		{"contentSchema", "InvalidContent", "The string's content does not match its schema.", "The schema's contentSchema keyword describes the decoded content, which does not follow it.", "Correct the embedded content as the message says."},

		// JSON Schema: arrays.
		{"maxItems", "TooManyItems", "The array has too many items.", "The schema's maxItems keyword bounds the array's length.", "Remove items down to the number the message names."},
		{"minItems", "TooFewItems", "The array has too few items.", "The schema's minItems keyword requires at least that many items.", "Add items up to the number the message names."},
		{"uniqueItems", "DuplicateItems", "The array has equal items.", "The schema's uniqueItems keyword requires every item to differ from every other (by JSON value, not by text).", "Remove the duplicate the message names."},
		{"contains", "MissingContainedItem", "No item (or not enough items) matches the required schema.", "The schema's contains keyword requires at least one item (or minContains items) to match its subschema.", "Add an item of the kind the subschema describes."},
		{"maxContains", "TooManyContainedItems", "Too many items match the contains schema.", "The schema's maxContains keyword bounds how many items may match the contains subschema.", "Remove matching items down to the number the message names."},
		{"minContains", "TooFewContainedItems", "Too few items match the contains schema.", "The schema's minContains keyword requires at least that many items to match the contains subschema.", "Add matching items up to the number the message names."},
		{"items", "ItemNotAllowed", "An item is not allowed here.", "The schema's items keyword rejects this item: there is no schema for items beyond the fixed positions (items: false), or the item fails the items subschema in a way reported here.", "Remove the extra items, or correct the item as the message says."},
		{"prefixItems", "PositionalItemNotAllowed", "An item at a fixed position is not allowed.", "The schema's prefixItems keyword gives the item at this position a schema that rejects every value (false).", "Remove the item, or shorten the array to the positions the schema allows."},
		{"additionalItems", "AdditionalItemNotAllowed", "The array has items beyond the fixed positions.", "The schema's additionalItems keyword (drafts before 2020-12) rejects items after those listed in items.", "Remove the extra items."},
		{"unevaluatedItems", "UnevaluatedItemNotAllowed", "The array has items no subschema accounts for.", "The schema's unevaluatedItems keyword rejects items that no prefixItems, items or contains of the schema (or its applied subschemas) evaluated.", "Remove the items, or check the schema's alternatives: a branch that failed does not evaluate items."},

		// JSON Schema: objects.
		{"maxProperties", "TooManyProperties", "The object has too many members.", "The schema's maxProperties keyword bounds the number of members.", "Remove members down to the number the message names."},
		{"minProperties", "TooFewProperties", "The object has too few members.", "The schema's minProperties keyword requires at least that many members.", "Add members up to the number the message names."},
		{"required", "MissingRequiredProperty", "A required member is missing.", "The schema's required keyword lists members the object must have.", "Add the missing members the message names (with values the schema allows)."},
		{"dependentRequired", "MissingDependentProperty", "A member requires another that is missing.", "The schema's dependentRequired keyword says that when one member is present, others must be too.", "Add the members the message names, or remove the member that requires them."},
		{"dependencies", "DependencyNotMet", "A member's dependencies are not met.", "The schema's dependencies keyword (drafts before 2019-09) says that when one member is present, other members must be present or the object must match a subschema.", "Add what the message names, or remove the member that depends on it."},
		{"dependentSchemas", "DependentSchemaNotMet", "A member's dependent schema is not met.", "The schema's dependentSchemas keyword applies a subschema to the object when a member is present.", "Correct the object as the message says, or remove the member that triggers the subschema."},
		{"properties", "PropertyNotAllowed", "A member is not allowed by its schema.", "The schema's properties keyword gives this member a schema that rejects every value (false).", "Remove the member."},
		{"patternProperties", "PatternPropertyNotAllowed", "A member whose name matches a pattern is not allowed.", "The schema's patternProperties keyword gives members whose names match the pattern a schema that rejects every value (false).", "Remove or rename the member."},
		{"additionalProperties", "AdditionalPropertyNotAllowed", "A member is not allowed here.", "The schema's additionalProperties keyword rejects members not listed in properties or matched by patternProperties; often a misspelt name.", "Remove the member, or correct its name to one the schema lists."},
		{"unevaluatedProperties", "UnevaluatedPropertyNotAllowed", "A member no subschema accounts for.", "The schema's unevaluatedProperties keyword rejects members that no properties, patternProperties or additionalProperties of the schema (or its applied subschemas) evaluated.", "Remove the member or correct its name; check the schema's alternatives too: a branch that failed does not evaluate members."},
		{"propertyNames", "InvalidPropertyName", "A member's name is not allowed.", "The schema's propertyNames keyword gives a schema (often a pattern) every member name must match.", "Rename the member to a name the schema allows."},

		// JSON Schema: combining schemas.
		{"anyOf", "NoAlternativeMatches", "The value matches none of the alternatives.", "The schema's anyOf keyword requires the value to match at least one of its subschemas; the message lists what each alternative needs.", "Make the value satisfy any one of the alternatives the message lists."},
		{"oneOf", "NotExactlyOneAlternative", "The value matches none, or more than one, of the alternatives.", "The schema's oneOf keyword requires the value to match exactly one of its subschemas.", "Make the value satisfy exactly one of the alternatives the message lists."},
		{"allOf", "NotAllSchemasMatch", "The value fails one of the schemas it must match.", "The schema's allOf keyword requires the value to match every subschema.", "Correct the value as the message says."},
		{"not", "ExcludedSchemaMatches", "The value matches a schema it must not match.", "The schema's not keyword rejects values that match its subschema.", "Change the value so that it no longer matches the excluded schema."},
		{"then", "ThenNotMet", "The value meets the if condition but not its then schema.", "The schema's if/then keywords require values that match if to match then too.", "Correct the value as then requires, or change it so that if no longer applies."},
		{"else", "ElseNotMet", "The value fails the if condition and its else schema.", "The schema's if/else keywords require values that do not match if to match else.", "Correct the value as else requires, or make it match if."},
		{"$ref", "ReferencedSchemaFails", "The value is rejected by a referenced schema.", "The schema the $ref points to rejects every value here (false), or rejects it in a way reported at the reference.", "Correct the value as the referenced schema requires."},
		{"$dynamicRef", "DynamicReferenceFails", "The value is rejected by a dynamically referenced schema.", "The schema the $dynamicRef resolves to rejects the value.", "Correct the value as the referenced schema requires."},
		{"schema", "SchemaRejects", "The value is rejected by the schema.", "The schema rejects the value as a whole: the schema is false, or the validator reported the failure without a keyword.", "Check the value against the schema as a whole; the message says what failed."},
	}
}

// RuleFor returns the description of the rule named id. A name docset has
// no description for (a custom keyword) gets a generic one, so every rule
// a report names is described.
func RuleFor(id string) Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return Rule{
		ID:    id,
		Name:  "Keyword" + strings.ToUpper(id[:min(1, len(id))]) + id[min(1, len(id)):],
		Short: fmt.Sprintf("The value fails the schema keyword %s.", id),
		Full:  fmt.Sprintf("The schema's %s keyword rejects the value.", id),
		Help:  "Correct the value as the message says, or see the documentation of the schema keyword.",
	}
}
