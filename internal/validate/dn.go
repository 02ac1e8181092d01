package validate

import (
	"fmt"
	"regexp"
	"strings"
)

// A distinguished name is checked here rather than with an LDAP library's
// parser: the one well-kept Go parser (go-ldap's ParseDN) comes with a whole
// LDAP client and its dependencies, for some sixty lines of grammar.

// DNAttribute is one attribute type and value of a distinguished name, the
// value with its escapes and quotes removed.
type DNAttribute struct {
	Type  string
	Value string
}

// dnTypeRegexp is RFC 2253's attributeType: a keyword (letter, then
// letters, digits and hyphens) or a dotted object identifier, optionally
// prefixed "OID.".
var dnTypeRegexp = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]*|([Oo][Ii][Dd]\.)?[0-9]+(\.[0-9]+)*)$`)

// dnSpecial are the characters RFC 2253 requires escaped in a value.
const dnSpecial = `,=+<>#;\"`

// ParseDN parses s as an RFC 2253 distinguished name, such as
// CN=orders,OU=apps,O=Example\, Inc.,C=US, and returns its attributes in
// order (a multi-valued RDN, a+b, gives one attribute for each). As RFC 2253
// section 4 allows, it also accepts ";" between RDNs, spaces around the
// separators and quoted values; an unescaped "=" is accepted inside a value,
// as RFC 4514 allows. An empty name, an empty value and a stray separator or
// escape are errors, which say what is wrong and where.
func ParseDN(s string) ([]DNAttribute, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("a distinguished name cannot be empty")
	}
	var out []DNAttribute
	i := 0
	for {
		attr, next, err := parseDNAttribute(s, i)
		if err != nil {
			return nil, err
		}
		out = append(out, attr)
		i = skipSpaces(s, next)
		if i == len(s) {
			return out, nil
		}
		switch s[i] {
		case ',', ';', '+':
			i++
		default:
			return nil, fmt.Errorf("unexpected %q at position %d: escape it with a backslash", s[i], i+1)
		}
	}
}

// parseDNAttribute parses type=value at s[i:] and returns where it ends.
func parseDNAttribute(s string, i int) (DNAttribute, int, error) {
	i = skipSpaces(s, i)
	if i == len(s) || strings.IndexByte(",;+", s[i]) >= 0 {
		return DNAttribute{}, 0, fmt.Errorf("an attribute is missing at position %d: remove the extra separator, or add type=value", i+1)
	}
	eq := strings.IndexByte(s[i:], '=')
	if eq < 0 {
		return DNAttribute{}, 0, fmt.Errorf("%q at position %d is not an attribute: expected type=value, such as CN=orders", strings.TrimSpace(s[i:]), i+1)
	}
	typ := strings.TrimSpace(s[i : i+eq])
	if !dnTypeRegexp.MatchString(typ) {
		return DNAttribute{}, 0, fmt.Errorf("attribute type %q at position %d must be a name such as CN, OU or DC (letters, digits and hyphens, starting with a letter) or a dotted object identifier", typ, i+1)
	}
	i = skipSpaces(s, i+eq+1)
	value, next, err := parseDNValue(s, i)
	if err != nil {
		return DNAttribute{}, 0, err
	}
	if value == "" {
		return DNAttribute{}, 0, fmt.Errorf("attribute %s at position %d has an empty value", typ, i+1)
	}
	return DNAttribute{Type: typ, Value: value}, next, nil
}

// parseDNValue parses a value at s[i:]: #hex, "quoted" or a string with
// escapes, up to the next unescaped separator.
func parseDNValue(s string, i int) (string, int, error) {
	switch {
	case i < len(s) && s[i] == '#':
		j := i + 1
		for j < len(s) && isHex(s[j]) {
			j++
		}
		if n := j - i - 1; n == 0 || n%2 != 0 {
			return "", 0, fmt.Errorf("the hexadecimal value at position %d must be # followed by pairs of hexadecimal digits", i+1)
		}
		return s[i:j], j, nil
	case i < len(s) && s[i] == '"':
		var b strings.Builder
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				if j+1 == len(s) {
					return "", 0, fmt.Errorf("the backslash at position %d escapes nothing", j+1)
				}
				j++
				b.WriteByte(s[j])
			case '"':
				return b.String(), j + 1, nil
			default:
				b.WriteByte(s[j])
			}
		}
		return "", 0, fmt.Errorf("the quoted value at position %d has no closing quote", i+1)
	}
	var b strings.Builder
	trailing := 0 // unescaped spaces at the end of b, which are not part of the value
	j := i
	for ; j < len(s); j++ {
		c := s[j]
		switch {
		case c == ',' || c == ';' || c == '+':
			v := b.String()
			return v[:len(v)-trailing], j, nil
		case c == '\\':
			switch {
			case j+2 < len(s) && isHex(s[j+1]) && isHex(s[j+2]):
				b.WriteByte(unhex(s[j+1])<<4 | unhex(s[j+2]))
				j += 2
			case j+1 < len(s) && (strings.IndexByte(dnSpecial, s[j+1]) >= 0 || s[j+1] == ' '):
				b.WriteByte(s[j+1])
				j++
			case j+1 == len(s):
				return "", 0, fmt.Errorf("the backslash at position %d escapes nothing", j+1)
			default:
				return "", 0, fmt.Errorf("the backslash at position %d must be followed by a special character (%s, space) or two hexadecimal digits, not %q", j+1, dnSpecial, s[j+1])
			}
			trailing = 0
			continue
		case c == '<' || c == '>' || c == '"' || c == 0:
			return "", 0, fmt.Errorf("%q at position %d must be escaped with a backslash", c, j+1)
		case c == '#' && j == i:
			return "", 0, fmt.Errorf("a value cannot start with an unescaped # (position %d) unless it is #hex", j+1)
		}
		b.WriteByte(c)
		if c == ' ' {
			trailing++
		} else {
			trailing = 0
		}
	}
	v := b.String()
	return v[:len(v)-trailing], j, nil
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
