package gazetteer

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./gen -o data

//go:embed data/*.tsv.gz
var data embed.FS

// Place is one city of the gazetteer.
type Place struct {
	Name       string  // as GeoNames spells it, accents and all
	ASCIIName  string  // without accents
	Country    string  // ISO 3166-1 alpha-2
	Admin1     string  // GeoNames' first-level division code ("CA", "08", "ENG")
	Admin1Name string  // that division's name ("California", "Ontario", "England")
	Lat, Lon   float64 // WGS 84 degrees
	Population int
}

// index is the loaded gazetteer: places by folded name, most populous
// first, and country codes by folded name or code.
type index struct {
	byName    map[string][]*Place
	countries map[string]string
}

var (
	loadOnce sync.Once
	loaded   *index
	loadErr  error
)

// load reads the embedded files once, on first use, so a process that
// never looks a place up pays nothing for them.
func load() (*index, error) {
	loadOnce.Do(func() { loaded, loadErr = readIndex() })
	return loaded, loadErr
}

func readIndex() (*index, error) {
	admin1, err := readTable("admin1.tsv.gz", 2)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, r := range admin1 {
		names[r[0]] = r[1]
	}
	ix := &index{byName: map[string][]*Place{}, countries: map[string]string{}}
	if err := ix.readCountries(); err != nil {
		return nil, err
	}
	cities, err := readTable("cities.tsv.gz", 7)
	if err != nil {
		return nil, err
	}
	for _, r := range cities {
		p, err := parsePlace(r, names)
		if err != nil {
			return nil, err
		}
		ix.add(p)
	}
	for _, ps := range ix.byName {
		slices.SortStableFunc(ps, func(a, b *Place) int { return cmp.Compare(b.Population, a.Population) })
	}
	return ix, nil
}

func parsePlace(r []string, admin1 map[string]string) (*Place, error) {
	lat, err1 := strconv.ParseFloat(r[4], 64)
	lon, err2 := strconv.ParseFloat(r[5], 64)
	pop, err3 := strconv.Atoi(r[6])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, fmt.Errorf("gazetteer: bad city line %q", strings.Join(r, "\t"))
	}
	p := &Place{Name: r[0], ASCIIName: r[1], Country: r[2], Admin1: r[3], Lat: lat, Lon: lon, Population: pop}
	if p.ASCIIName == "" {
		p.ASCIIName = p.Name
	}
	p.Admin1Name = admin1[p.Country+"."+p.Admin1]
	return p, nil
}

func (ix *index) add(p *Place) {
	keys := []string{Fold(p.Name)}
	if k := Fold(p.ASCIIName); k != keys[0] {
		keys = append(keys, k)
	}
	for _, k := range keys {
		ix.byName[k] = append(ix.byName[k], p)
	}
}

// readTable reads one embedded gzipped tab-separated file, skipping its
// comment header; every line must have n fields.
func readTable(name string, n int) ([][]string, error) {
	raw, err := data.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	var out [][]string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			return nil, fmt.Errorf("gazetteer %s: line %q has %d fields, want %d", name, line, len(f), n)
		}
		out = append(out, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return out, nil
}
