package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Node is a JSON value that remembers the order of object keys. The compiled
// schema keeps properties in a map, but column order is part of the layout,
// so the layout is read from the schema document itself.
type Node struct {
	// Kind is one of "object", "array", "string", "number", "bool", "null".
	Kind  string
	Keys  []string         // object keys in document order
	Props map[string]*Node // object members
	Items []*Node          // array elements
	Str   string           // string value
	Num   json.Number      // number value
	Bool  bool             // bool value
}

// ParseNode decodes a JSON document into an order-preserving Node tree.
func ParseNode(doc []byte) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	n, err := parseNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the JSON value at offset %d", dec.InputOffset())
	}
	return n, nil
}

func parseNode(dec *json.Decoder) (*Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &Node{Kind: "object", Props: map[string]*Node{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k := kt.(string)
				v, err := parseNode(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := n.Props[k]; dup {
					return nil, fmt.Errorf("duplicate key %q at offset %d", k, dec.InputOffset())
				}
				n.Keys = append(n.Keys, k)
				n.Props[k] = v
			}
			_, err := dec.Token()
			return n, err
		case '[':
			n := &Node{Kind: "array"}
			for dec.More() {
				v, err := parseNode(dec)
				if err != nil {
					return nil, err
				}
				n.Items = append(n.Items, v)
			}
			_, err := dec.Token()
			return n, err
		}
	case string:
		return &Node{Kind: "string", Str: t}, nil
	case json.Number:
		return &Node{Kind: "number", Num: t}, nil
	case bool:
		return &Node{Kind: "bool", Bool: t}, nil
	case nil:
		return &Node{Kind: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// Get returns the member key of an object node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != "object" {
		return nil
	}
	return n.Props[key]
}

// String returns the string value of member key, or "".
func (n *Node) String(key string) string {
	if v := n.Get(key); v != nil && v.Kind == "string" {
		return v.Str
	}
	return ""
}

// Strings returns member key as a list of strings: a string array, or a
// single string as a one-element list.
func (n *Node) Strings(key string) []string {
	v := n.Get(key)
	if v == nil {
		return nil
	}
	if v.Kind == "string" {
		return []string{v.Str}
	}
	var out []string
	for _, it := range v.Items {
		if it.Kind == "string" {
			out = append(out, it.Str)
		}
	}
	return out
}

// StringMap returns an object member whose values are strings as a map.
func (n *Node) StringMap(key string) map[string]string {
	v := n.Get(key)
	if v == nil || v.Kind != "object" {
		return nil
	}
	m := make(map[string]string, len(v.Keys))
	for _, k := range v.Keys {
		if s := v.Props[k]; s.Kind == "string" {
			m[k] = s.Str
		}
	}
	return m
}

// Resolve follows a local "$ref" ("#/$defs/x") against root, once per level,
// and returns the node it points to (or n when it has no $ref).
func (n *Node) Resolve(root *Node) (*Node, error) {
	seen := 0
	for n != nil {
		ref := n.String("$ref")
		if ref == "" {
			return n, nil
		}
		if !strings.HasPrefix(ref, "#/") {
			return nil, fmt.Errorf("only local $ref is supported in the record schema, got %q", ref)
		}
		target := root
		for _, part := range strings.Split(ref[2:], "/") {
			part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
			target = target.Get(part)
		}
		if target == nil {
			return nil, fmt.Errorf("$ref %q points nowhere", ref)
		}
		if seen++; seen > 32 {
			return nil, fmt.Errorf("$ref %q loops", ref)
		}
		n = target
	}
	return n, nil
}
