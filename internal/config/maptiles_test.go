package config

import "testing"

func TestMapTiles(t *testing.T) {
	c, err := FromEnv(env(map[string]string{EnvMapTiles: " https://tile.example.org/{z}/{x}/{y}.png ",
		EnvMapAttribution: "© Example contributors"}))
	if err != nil || c.Map.URL != "https://tile.example.org/{z}/{x}/{y}.png" || c.Map.Attribution != "© Example contributors" {
		t.Fatalf("FromEnv: %+v, %v", c.Map, err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("a good template refused: %v", err)
	}
	if d := Default(); d.Map != (MapTiles{}) || d.Validate() != nil {
		t.Fatalf("default map tiles %+v", d.Map)
	}
	for name, m := range map[string]MapTiles{
		"http":                       {URL: "http://tile.example.org/{z}/{x}/{y}.png"},
		"no placeholder":             {URL: "https://tile.example.org/tile.png"},
		"no y":                       {URL: "https://tile.example.org/{z}/{x}.png"},
		"javascript":                 {URL: "javascript:alert(1)//{z}{x}{y}"},
		"relative":                   {URL: "/tiles/{z}/{x}/{y}.png"},
		"attribution without tiles":  {Attribution: "© someone"},
		"attribution with a newline": {URL: "https://t.example/{z}/{x}/{y}.png", Attribution: "a\nb"},
	} {
		c := Default()
		c.Map = m
		if err := c.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %+v", name, m)
		}
	}
}
