package tenantapi

import "encoding/json"

// OptionalText is an optional text field stored as "" when absent (the
// column is NOT NULL) and written as null in JSON, so a strict client
// never meets an empty string where the document promises a URL or an
// e-mail address. null reads back as "".
type OptionalText string

// MarshalJSON writes "" as null.
func (t OptionalText) MarshalJSON() ([]byte, error) {
	if t == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(t))
}

// UnmarshalJSON reads null as "".
func (t *OptionalText) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = OptionalText(s)
	return nil
}
