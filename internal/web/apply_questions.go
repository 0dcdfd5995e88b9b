package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/questions"
)

// questionView is one of a job's application questions on the apply form,
// with what the visitor answered when the form is shown again.
type questionView struct {
	questions.Question
	Name    string // the input's name: answers.<id>
	InputID string // the input's id, or the fieldset's for choices
	Value   string // a text answer as typed
	Error   string
	Choices []choiceView // radios or checkboxes: yes/no and the choice types
}

// choiceView is one radio button or checkbox of a question.
type choiceView struct {
	ID, Value, Label string
	Checked          bool
}

// askQuestions lays out the job's questions for the form, refilled from
// posted (nil on a first view) with the errors found.
func askQuestions(qs []questions.Question, posted url.Values, errs map[string]string) []questionView {
	out := make([]questionView, len(qs))
	for i, q := range qs {
		name := questions.AnswerField(q.ID)
		given := posted[name]
		v := questionView{Question: q, Name: name, InputID: "q-" + q.ID, Error: errs[name]}
		switch q.Type {
		case questions.ShortText, questions.LongText:
			if len(given) > 0 {
				v.Value = strings.ToValidUTF8(given[0], "\uFFFD")
			}
		case questions.YesNo:
			v.Choices = choices(v.InputID, []string{"yes", "no"}, []string{"Yes", "No"}, given)
		default:
			v.Choices = choices(v.InputID, q.Options, q.Options, given)
		}
		out[i] = v
	}
	return out
}

func choices(prefix string, values, labels, given []string) []choiceView {
	out := make([]choiceView, len(values))
	for i, val := range values {
		out[i] = choiceView{ID: prefix + "-" + strconv.Itoa(i), Value: val, Label: labels[i]}
		for _, g := range given {
			out[i].Checked = out[i].Checked || g == val
		}
	}
	return out
}

// answerFields are the form field names of the questions, for errors.
func answerFields(qs []questions.Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = questions.AnswerField(q.ID)
	}
	return out
}

// keptAnswers are the answers the visitor gave, for the page that says the
// job went away before the application arrived.
func keptAnswers(qs []questions.Question, posted url.Values) []keptField {
	var out []keptField
	for _, q := range qs {
		var vals []string
		for _, v := range posted[questions.AnswerField(q.ID)] {
			if v = strings.TrimSpace(strings.ToValidUTF8(v, "\uFFFD")); v != "" {
				vals = append(vals, v)
			}
		}
		if len(vals) > 0 {
			out = append(out, keptField{Name: questions.AnswerField(q.ID), Label: q.Label, Value: strings.Join(vals, ", ")})
		}
	}
	return out
}
