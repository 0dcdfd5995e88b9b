package web

import (
	"strings"
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := map[time.Duration]string{
		-time.Hour: "just now", 0: "just now", 59 * time.Minute: "just now", time.Hour: "1 hour ago",
		5 * time.Hour: "5 hours ago", 30 * time.Hour: "yesterday", 3 * 24 * time.Hour: "3 days ago",
		13 * 24 * time.Hour: "13 days ago", 15 * 24 * time.Hour: "2 weeks ago", 90 * 24 * time.Hour: "3 months ago",
		800 * 24 * time.Hour: "2 years ago",
	}
	for d, want := range cases {
		if got := ago(now, now.Add(-d)); got != want {
			t.Errorf("ago(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestInitialsAndAvatarClass(t *testing.T) {
	cases := map[string]string{"Acme Robotics": "AR", "globex": "G", "  ": "?", "Élan vital corp": "ÉV", "(The) Best Co": "BC", "1st Choice": "1C"}
	for name, want := range cases {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
	if avatarClass("Acme") != avatarClass("Acme") || len(avatarClass("x")) != 4 {
		t.Error("avatar class is not a stable av-N")
	}
}

func TestSafeImageAndClip(t *testing.T) {
	for in, want := range map[string]string{
		"https://cdn.example/a.png": "https://cdn.example/a.png", "/logos/a.svg": "/logos/a.svg",
		"http://insecure/a.png": "", "//evil/a.png": "", "javascript:alert(1)": "", "data:image/png;base64,x": "",
	} {
		if got := safeImage(in); got != want {
			t.Errorf("safeImage(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clip("one two three four", 10); got != "one two…" {
		t.Errorf("clip = %q", got)
	}
	if got := clip("short", 10); got != "short" {
		t.Errorf("clip = %q", got)
	}
}

func TestSortOptions(t *testing.T) {
	labels := func(os []option) string {
		var out []string
		for _, o := range os {
			s := o.Value + "=" + o.Label
			if o.Selected {
				s += "*"
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		chosen    string
		searching bool
		want      string
	}{
		{"", false, "=Newest* featured=Featured first salary=Highest salary"},
		{"salary", false, "=Newest featured=Featured first salary=Highest salary*"},
		{"", true, "=Best match* newest=Newest featured=Featured first salary=Highest salary"},
		{"newest", true, "=Best match newest=Newest* featured=Featured first salary=Highest salary"},
	}
	for _, c := range cases {
		if got := labels(sortOptions(jobSortOptions, c.chosen, c.searching, "newest")); got != c.want {
			t.Errorf("sortOptions(%q, %v) = %s, want %s", c.chosen, c.searching, got, c.want)
		}
	}
}
