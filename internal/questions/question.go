package questions

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// Types of question.
const (
	ShortText      = "short_text"
	LongText       = "long_text"
	YesNo          = "yes_no"
	SingleChoice   = "single_choice"
	MultipleChoice = "multiple_choice"
)

// Types lists every question type.
var Types = []string{ShortText, LongText, YesNo, SingleChoice, MultipleChoice}

// Limits of a job's questions.
const (
	MaxQuestions = 30
	MaxLabel     = 300
	MaxOptions   = 50
	MaxOption    = 200
	MaxShortText = 500
	MaxLongText  = 5000
	// MaxJSONBytes bounds the canonical form (JSON), as the CHECK of
	// tenant/0009 bounds the column.
	MaxJSONBytes  = 64 << 10
	MaxHelp       = 500
	field         = "application_questions"
	answersPrefix = "answers."
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_]{0,39}$`)

// Question is one question of a job's application form.
type Question struct {
	ID       string   `json:"id"`       // stable key of the answer: a-z, 0-9, _ (up to 40)
	Label    string   `json:"label"`    // the question as the applicant reads it
	Type     string   `json:"type"`     // one of Types
	Required bool     `json:"required"` // an answer must be given
	Options  []string `json:"options"`  // the choices, for the two choice types only
	Help     string   `json:"help"`     // an optional hint under the question
}

// Choice reports whether the question offers options.
func (q Question) Choice() bool { return q.Type == SingleChoice || q.Type == MultipleChoice }

// Parse reads and checks a job's questions (a JSON array), reporting every
// bad one by its index: application_questions[2].options.
func Parse(raw []byte) ([]Question, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var qs []Question
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&qs); err != nil {
		return nil, domain.FieldError(field, "must be an array of questions {id, label, type, required, options, help}: %s",
			strings.TrimPrefix(err.Error(), "json: "))
	}
	if len(qs) > MaxQuestions {
		return nil, domain.FieldError(field, "must hold at most %d questions", MaxQuestions)
	}
	var l check.List
	seen := map[string]bool{}
	for i := range qs {
		q := &qs[i]
		q.Label, q.Help = strings.TrimSpace(q.Label), strings.TrimSpace(q.Help)
		at := fmt.Sprintf("%s[%d].", field, i)
		if !idPattern.MatchString(q.ID) {
			l.Add(domain.FieldError(at+"id", "must be 1 to 40 of a-z, 0-9 and _, starting with a letter or digit"))
		} else if seen[q.ID] {
			l.Add(domain.FieldError(at+"id", "%q is used by an earlier question", q.ID))
		}
		seen[q.ID] = true
		l.Add(check.Line(at+"label", q.Label, 1, MaxLabel))
		l.Add(check.Line(at+"help", q.Help, 0, MaxHelp))
		l.Add(check.OneOf(at+"type", q.Type, Types))
		l.Add(checkOptions(at+"options", *q))
	}
	if err := l.Err(); err != nil {
		return qs, err
	}
	if len(JSON(qs)) > MaxJSONBytes {
		return qs, domain.FieldError(field, "must take at most %d bytes of JSON", MaxJSONBytes)
	}
	return qs, nil
}

func checkOptions(f string, q Question) error {
	if !q.Choice() {
		if len(q.Options) > 0 {
			return domain.FieldError(f, "are only for %s and %s questions", SingleChoice, MultipleChoice)
		}
		return nil
	}
	if len(q.Options) < 2 || len(q.Options) > MaxOptions {
		return domain.FieldError(f, "must be 2 to %d choices", MaxOptions)
	}
	seen := map[string]bool{}
	for i, o := range q.Options {
		if err := check.Line(f, o, 1, MaxOption); err != nil || strings.TrimSpace(o) != o {
			return domain.FieldError(f, "choice %d must be 1 to %d characters on one line, without surrounding spaces", i+1, MaxOption)
		}
		if seen[o] {
			return domain.FieldError(f, "choice %q appears twice", o)
		}
		seen[o] = true
	}
	return nil
}

// AnswerField is the field name an answer's errors carry: answers.<id>.
func AnswerField(id string) string { return answersPrefix + id }
