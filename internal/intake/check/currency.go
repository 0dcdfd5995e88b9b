package check

import (
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// iso4217 holds the active ISO 4217 currency codes (list one of the
// standard, 2024 amendments included), without the precious metals, bond
// units, special drawing rights and the test and "no currency" codes, which
// no price or salary is quoted in.
var iso4217 = func() map[string]bool {
	const codes = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV
BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR
ZMW ZWG`
	m := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

// Currency checks an ISO 4217 code such as "USD" (upper case, as stored).
func Currency(field, v string) error {
	if !iso4217[v] {
		return domain.FieldError(field, "must be an ISO 4217 currency code such as USD or EUR, got %q", short(v))
	}
	return nil
}

// IsCurrency reports whether v is a known ISO 4217 code.
func IsCurrency(v string) bool { return iso4217[v] }

// short keeps echoed input in messages small and printable.
func short(v string) string {
	if !utfOK(v) {
		return "(invalid UTF-8)"
	}
	if len(v) > 40 {
		return v[:40] + "..."
	}
	return v
}
