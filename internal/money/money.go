// Package money formats amounts of money the one way pages, the public API
// and the feed show them, from CLDR data (golang.org/x/text): the
// currency's English symbol ("$", "€", "CA$", "₹", "SEK") and its number of
// decimals (none for JPY), with cents left out of whole amounts, as job
// boards quote salaries ("$85,000", "CA$95,000", "SEK 850").
package money

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// printer groups digits the English way (1,400,000) for every currency,
// so one page never mixes digit groupings.
var printer = message.NewPrinter(language.English)

// Format writes amount in currency code: the CLDR symbol followed by the
// amount, with a space after a symbol made of letters. An unknown or
// empty code writes the bare number.
func Format(amount float64, code string) string {
	unit, err := currency.ParseISO(code)
	if err != nil {
		return printer.Sprint(number.Decimal(amount, number.Scale(decimals(amount, 2))))
	}
	scale, _ := currency.Standard.Rounding(unit)
	digits := printer.Sprint(number.Decimal(amount, number.Scale(decimals(amount, scale))))
	sym := Symbol(code)
	if r := []rune(sym); len(r) > 0 && unicode.IsLetter(r[len(r)-1]) {
		return sym + " " + digits
	}
	return sym + digits
}

// Symbol is the currency's English CLDR symbol, the code itself when CLDR
// has none, and "" for a code that is no currency.
func Symbol(code string) string {
	unit, err := currency.ParseISO(code)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(printer.Sprint(currency.Symbol(unit)))
}

// Round rounds amount to the currency's CLDR number of decimals, for
// machine-readable amounts (JSON-LD) that must agree with the text shown.
func Round(amount float64, code string) float64 {
	scale := 2
	if unit, err := currency.ParseISO(code); err == nil {
		scale, _ = currency.Standard.Rounding(unit)
	}
	p := math.Pow10(scale)
	return math.Round(amount*p) / p
}

// decimals keeps the currency's decimals only for an amount that has a
// fraction at that scale: 85000 shows as 85,000, 12.5 as 12.50.
func decimals(amount float64, scale int) int {
	p := math.Pow10(scale)
	if math.Round(amount*p) == math.Round(amount)*p {
		return 0
	}
	return scale
}
