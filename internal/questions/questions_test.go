package questions_test

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/questions"
)

func fields(err error) []string {
	var out []string
	for _, e := range check.Fields(err) {
		out = append(out, e.Field)
	}
	return out
}

func TestParse(t *testing.T) {
	cases := []struct {
		name, raw string
		bad       []string
	}{
		{"empty", `[]`, nil},
		{"every type", `[{"id":"a","label":"Name a tool","type":"short_text"},{"id":"b","label":"Why us?","type":"long_text","required":true},
			{"id":"c","label":"Relocate?","type":"yes_no"},{"id":"d","label":"Level","type":"single_choice","options":["junior","senior"]},
			{"id":"e","label":"Stack","type":"multiple_choice","options":["Go","SQL","JS"],"help":"pick any"}]`, nil},
		{"not an array", `{"id":"a"}`, []string{"application_questions"}},
		{"unknown key", `[{"q":"PRIVATE-question"}]`, []string{"application_questions"}},
		{"bad id", `[{"id":"A B","label":"x","type":"yes_no"}]`, []string{"application_questions[0].id"}},
		{"duplicate id", `[{"id":"a","label":"x","type":"yes_no"},{"id":"a","label":"y","type":"yes_no"}]`, []string{"application_questions[1].id"}},
		{"no label", `[{"id":"a","label":"  ","type":"yes_no"}]`, []string{"application_questions[0].label"}},
		{"label with newline", `[{"id":"a","label":"x\ny","type":"yes_no"}]`, []string{"application_questions[0].label"}},
		{"unknown type", `[{"id":"a","label":"x","type":"date"}]`, []string{"application_questions[0].type"}},
		{"choice without options", `[{"id":"a","label":"x","type":"single_choice","options":["only"]}]`, []string{"application_questions[0].options"}},
		{"options on text", `[{"id":"a","label":"x","type":"short_text","options":["a","b"]}]`, []string{"application_questions[0].options"}},
		{"repeated option", `[{"id":"a","label":"x","type":"multiple_choice","options":["a","a"]}]`, []string{"application_questions[0].options"}},
		{"too many", "[" + strings.Repeat(`{"id":"a","label":"x","type":"yes_no"},`, 30) + `{"id":"b","label":"x","type":"yes_no"}]`, []string{"application_questions"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := questions.Parse([]byte(c.raw))
			if got := fields(err); !slices.Equal(got, c.bad) {
				t.Fatalf("bad fields %v, want %v (%v)", got, c.bad, err)
			}
		})
	}
}

var form = []questions.Question{
	{ID: "tool", Label: "A tool", Type: questions.ShortText, Required: true},
	{ID: "why", Label: "Why", Type: questions.LongText},
	{ID: "move", Label: "Relocate?", Type: questions.YesNo, Required: true},
	{ID: "level", Label: "Level", Type: questions.SingleChoice, Options: []string{"junior", "senior"}},
	{ID: "stack", Label: "Stack", Type: questions.MultipleChoice, Options: []string{"Go", "SQL"}, Required: true},
}

func TestCheck(t *testing.T) {
	good := questions.Answers{"tool": " vim ", "move": false, "stack": []any{"SQL", "Go"}, "why": ""}
	got, err := questions.Check(form, good)
	want := questions.Answers{"tool": "vim", "move": false, "stack": []string{"SQL", "Go"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v %v, want %v", got, err, want)
	}
	cases := []struct {
		name string
		a    questions.Answers
		bad  []string
	}{
		{"nothing", questions.Answers{}, []string{"answers.tool", "answers.move", "answers.stack"}},
		{"wrong types", questions.Answers{"tool": 3.0, "move": "yes", "stack": "Go", "level": true},
			[]string{"answers.tool", "answers.move", "answers.level", "answers.stack"}},
		{"not a choice", questions.Answers{"tool": "x", "move": true, "stack": []any{"Go"}, "level": "principal"}, []string{"answers.level"}},
		{"choice twice", questions.Answers{"tool": "x", "move": true, "stack": []any{"Go", "Go"}}, []string{"answers.stack"}},
		{"unknown question", questions.Answers{"tool": "x", "move": true, "stack": []any{"Go"}, "salary": "1M"}, []string{"answers.salary"}},
		{"hostile unknown id", questions.Answers{"tool": "x", "move": true, "stack": []any{"Go"}, "<b>\n": "x"}, []string{"answers.?"}},
		{"short text too long", questions.Answers{"tool": strings.Repeat("x", 501), "move": true, "stack": []any{"Go"}}, []string{"answers.tool"}},
		{"NUL", questions.Answers{"tool": "a\x00b", "move": true, "stack": []any{"Go"}}, []string{"answers.tool"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := questions.Check(form, c.a)
			if got := fields(err); !slices.Equal(got, c.bad) {
				t.Fatalf("bad fields %v, want %v (%v)", got, c.bad, err)
			}
		})
	}
}

func TestFromForm(t *testing.T) {
	v := url.Values{"answers.tool": {"vim"}, "answers.move": {"yes"}, "answers.stack": {"Go", "SQL"}, "answers.level": {""}}
	got := questions.FromForm(form, v)
	want := questions.Answers{"tool": "vim", "move": true, "stack": []any{"Go", "SQL"}, "level": ""}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
	if _, err := questions.Check(form, got); err != nil {
		t.Fatal(err)
	}
}
