package counts

import (
	"net/http"
	"strings"
)

// robotTokens are lower-case substrings of the user agents of crawlers,
// link previewers, scripts and headless browsers. The generic tokens
// ("bot", "crawl", "spider") already catch most crawlers; the named ones
// are those that carry none of them.
var robotTokens = []string{
	"bot", "crawl", "spider", "slurp", "googlebot", "bingbot", "yandex", "baiduspider",
	"facebookexternalhit", "facebookcatalog", "embedly", "quora link preview", "whatsapp", "skypeuripreview",
	"curl", "wget", "httpie", "python-requests", "python-urllib", "aiohttp", "go-http-client",
	"java/", "okhttp", "apache-httpclient", "libwww-perl", "node-fetch", "axios", "scrapy",
	"headlesschrome", "phantomjs", "puppeteer", "playwright", "selenium", "lighthouse", "pagespeed",
	"pingdom", "uptime", "monitor", "validator", "preview",
}

// Countable reports whether r is a person's look at a page: a GET that is
// not a prefetch, from a browser's user agent that does not name a robot.
func Countable(r *http.Request) bool {
	if r.Method != http.MethodGet || prefetch(r.Header) {
		return false
	}
	return !Robot(r.UserAgent())
}

// Robot reports whether the user agent ua is a crawler's, a script's or a
// headless browser's. Every browser in use starts its user agent with
// "Mozilla/"; one that does not (none at all, a library's, garbage) is a
// program's.
func Robot(ua string) bool {
	ua = strings.ToLower(strings.TrimSpace(ua))
	if !strings.HasPrefix(ua, "mozilla/") {
		return true
	}
	for _, t := range robotTokens {
		if strings.Contains(ua, t) {
			return true
		}
	}
	return false
}

// prefetch reports a speculative load: the browser fetched the page in
// case the visitor opens it, which is no view yet.
func prefetch(h http.Header) bool {
	for _, name := range []string{"Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"} {
		v := strings.ToLower(h.Get(name))
		if strings.Contains(v, "prefetch") || strings.Contains(v, "prerender") || strings.Contains(v, "preview") {
			return true
		}
	}
	return false
}
