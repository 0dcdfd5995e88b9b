package questions

import (
	"net/url"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// Answers are an applicant's answers by question id, as decoded from JSON:
// a string for text and single choice, a bool for yes/no, a list of
// strings for multiple choice.
type Answers map[string]any

// Check validates answers against the questions and returns them in their
// stored form (text trimmed, empty answers dropped), reporting every bad
// answer as answers.<id>. An answer to no question is refused: it would be
// stored where nobody asked for it.
func Check(qs []Question, a Answers) (Answers, error) {
	var l check.List
	out := Answers{}
	byID := map[string]Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	for id := range a {
		if _, ok := byID[id]; !ok {
			l.Add(domain.FieldError(AnswerField(shortID(id)), "answers no question of this job"))
		}
	}
	for _, q := range qs {
		v, err := checkOne(q, a[q.ID])
		l.Add(err)
		if err == nil && v != nil {
			out[q.ID] = v
		}
	}
	return out, l.Err()
}

func checkOne(q Question, v any) (any, error) {
	f := AnswerField(q.ID)
	v, err := normalise(q, v)
	if err != nil {
		return nil, err
	}
	if v == nil {
		if q.Required {
			return nil, domain.FieldError(f, "is required")
		}
		return nil, nil
	}
	switch q.Type {
	case ShortText:
		return v, check.Line(f, v.(string), 1, MaxShortText)
	case LongText:
		return v, check.Text(f, v.(string), 1, MaxLongText)
	case SingleChoice:
		if !slices.Contains(q.Options, v.(string)) {
			return nil, domain.FieldError(f, "must be one of the choices offered")
		}
	case MultipleChoice:
		for i, o := range v.([]string) {
			if !slices.Contains(q.Options, o) || slices.Index(v.([]string), o) != i {
				return nil, domain.FieldError(f, "must be distinct choices among those offered")
			}
		}
	}
	return v, nil
}

// normalise checks the JSON type of an answer and turns an empty one
// (null, "", []) into nil.
func normalise(q Question, v any) (any, error) {
	f := AnswerField(q.ID)
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if q.Type == YesNo || q.Type == MultipleChoice {
			break
		}
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		if q.Type == LongText {
			return x, nil
		}
		return strings.TrimSpace(x), nil
	case bool:
		if q.Type == YesNo {
			return x, nil
		}
	case []any:
		if q.Type != MultipleChoice {
			break
		}
		var out []string
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, domain.FieldError(f, "must be a list of the choices offered")
			}
			out = append(out, s)
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	case []string:
		if q.Type == MultipleChoice {
			return normalise(q, toAny(x))
		}
	}
	return nil, domain.FieldError(f, "must be %s", kindOf(q.Type))
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func kindOf(t string) string {
	switch t {
	case YesNo:
		return "true or false"
	case MultipleChoice:
		return "a list of the choices offered"
	}
	return "a string"
}

// FromForm reads the answers of an HTML form, whose inputs are named
// answers.<id>: yes/no as "yes" or "no", multiple choice as repeated values.
func FromForm(qs []Question, form url.Values) Answers {
	a := Answers{}
	for _, q := range qs {
		vals := form[AnswerField(q.ID)]
		switch {
		case len(vals) == 0:
		case q.Type == MultipleChoice:
			a[q.ID] = toAny(vals)
		case q.Type == YesNo && vals[0] == "yes":
			a[q.ID] = true
		case q.Type == YesNo && vals[0] == "no":
			a[q.ID] = false
		case q.Type == YesNo:
		default:
			a[q.ID] = vals[0]
		}
	}
	return a
}

// shortID echoes an unknown id in a field name only when it looks like
// an id: anything else could carry markup or control characters.
func shortID(id string) string {
	if !idPattern.MatchString(id) {
		return "?"
	}
	return id
}
