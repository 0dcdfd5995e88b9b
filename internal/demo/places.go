package demo

// place is a city the demo content is spread over, with the currency its
// salaries and rates are given in.
type place struct {
	City, State, Country string
	Lat, Lon             float64
	Currency             string
}

var places = map[string]place{
	"sf":        {"San Francisco", "CA", "United States", 37.7749, -122.4194, "USD"},
	"nyc":       {"New York", "NY", "United States", 40.7128, -74.0060, "USD"},
	"austin":    {"Austin", "TX", "United States", 30.2672, -97.7431, "USD"},
	"toronto":   {"Toronto", "ON", "Canada", 43.6532, -79.3832, "CAD"},
	"london":    {"London", "England", "United Kingdom", 51.5072, -0.1276, "GBP"},
	"dublin":    {"Dublin", "Leinster", "Ireland", 53.3498, -6.2603, "EUR"},
	"berlin":    {"Berlin", "", "Germany", 52.5200, 13.4050, "EUR"},
	"paris":     {"Paris", "Île-de-France", "France", 48.8566, 2.3522, "EUR"},
	"amsterdam": {"Amsterdam", "North Holland", "Netherlands", 52.3676, 4.9041, "EUR"},
	"lisbon":    {"Lisbon", "", "Portugal", 38.7223, -9.1393, "EUR"},
	"barcelona": {"Barcelona", "Catalonia", "Spain", 41.3874, 2.1686, "EUR"},
	"prague":    {"Prague", "", "Czech Republic", 50.0755, 14.4378, "EUR"},
	"vienna":    {"Vienna", "", "Austria", 48.2082, 16.3738, "EUR"},
	"stockholm": {"Stockholm", "", "Sweden", 59.3293, 18.0686, "SEK"},
	"sydney":    {"Sydney", "NSW", "Australia", -33.8688, 151.2093, "AUD"},
	"singapore": {"Singapore", "", "Singapore", 1.3521, 103.8198, "SGD"},
	"tokyo":     {"Tokyo", "", "Japan", 35.6762, 139.6503, "JPY"},
	"bangalore": {"Bengaluru", "Karnataka", "India", 12.9716, 77.5946, "INR"},
	"saopaulo":  {"São Paulo", "SP", "Brazil", -23.5505, -46.6333, "BRL"},
	"mexico":    {"Mexico City", "CDMX", "Mexico", 19.4326, -99.1332, "MXN"},
	"nairobi":   {"Nairobi", "", "Kenya", -1.2921, 36.8219, "USD"},
	"lagos":     {"Lagos", "", "Nigeria", 6.5244, 3.3792, "USD"},
	"accra":     {"Accra", "Greater Accra", "Ghana", 5.6037, -0.1870, "USD"},
	"cairo":     {"Cairo", "", "Egypt", 30.0444, 31.2357, "USD"},
}

// offices are the street addresses and postal codes some demo offices
// publish, so on-site and hybrid jobs there show a full PostalAddress.
var offices = map[string]struct{ Street, Postal string }{
	"sf":     {"500 Howard Street", "94105"},
	"london": {"10 Finsbury Square", "EC2A 1AF"},
	"berlin": {"Friedrichstraße 68", "10117"},
}
