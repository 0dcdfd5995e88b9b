// Package openapitest holds every API exchange a test makes against the
// OpenAPI document the server publishes, both ways: a response must match
// what the document says of its operation and status, a request the
// document allows must not be refused as malformed (400 or 415), and a
// request it forbids must not succeed. Wrap the handler (Handler) or the
// client's transport (Transport); a drift then fails the test that caused
// it, the day it happens.
package openapitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/zumodra/zumodra/internal/openapi"
	"github.com/zumodra/zumodra/internal/resume"
)

// The résumé download answers a file: its body is checked as the string
// the document says, its media type against the operation's.
func init() {
	for _, m := range []string{resume.PDF, resume.DOCX, resume.ODT} {
		openapi3filter.RegisterBodyDecoder(m, openapi3filter.FileBodyDecoder)
	}
}

var (
	loadOnce sync.Once
	router   routers.Router
	document *openapi3.T
	loadErr  error
)

// Router returns the router of the served document, loaded and validated
// once per test binary.
func Router() (routers.Router, error) {
	loadOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(openapi.JSON())
		if err != nil {
			loadErr = fmt.Errorf("load the OpenAPI document: %w", err)
			return
		}
		document = doc
		router, loadErr = legacy.NewRouter(doc)
	})
	return router, loadErr
}

// Exchange is one request and its response, bodies read.
type Exchange struct {
	Request     *http.Request
	RequestBody []byte
	Status      int
	Header      http.Header
	Body        []byte
}

// Check returns what is wrong with x according to the document; nil when
// nothing is, or when x is no API exchange at all.
func Check(x Exchange) error {
	r, err := Router()
	if err != nil {
		return err
	}
	if !strings.HasPrefix(x.Request.URL.Path, "/api/") {
		return nil
	}
	req := x.Request.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(x.RequestBody))
	if req.Method == http.MethodHead {
		// HEAD is GET without the body (RFC 9110 9.3.2); the document
		// lists GET, and the response check skips HEAD's empty body.
		req.Method = http.MethodGet
	}
	route, params, err := r.FindRoute(req)
	if err != nil {
		if bad := undocumented(r, x); bad != nil {
			return fmt.Errorf("%s %s is not in the document (%v): %w", x.Request.Method, x.Request.URL.Path, err, bad)
		}
		return nil
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus:             true,
		MultiError:                        true,
		RejectWhenRequestBodyNotSpecified: true,
		AuthenticationFunc:                bearerPresent,
		SkipSettingDefaults:               true,
		SchemaValidationOptions:           []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	reqErr := errors.Join(wellFormed(x, route), openapi3filter.ValidateRequest(context.Background(), in))
	var errs []error
	if err := requestVerdict(reqErr, x.Status); err != nil && !opaqueRefusal(route, x) {
		errs = append(errs, fmt.Errorf("%w\nrequest body: %s\nresponse: %s", err, clip(x.RequestBody), clip(x.Body)))
	}
	in.Request.Method = x.Request.Method
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: x.Status, Header: x.Header, Options: opts}
	out.SetBodyBytes(x.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		errs = append(errs, fmt.Errorf("response %d does not match the document: %w\nbody: %s", x.Status, err, clip(x.Body)))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s %s: %w", x.Request.Method, x.Request.URL.RequestURI(), err)
	}
	return nil
}

// undocumented holds an exchange the document has no operation for to what
// the document's description promises: 404 for a path it does not list,
// 405 for a listed path asked with another method, both as Problem
// documents, and OPTIONS answered 204; Allow names exactly the documented
// methods (besides HEAD and OPTIONS).
func undocumented(r routers.Router, x Exchange) error {
	documented, allowed := documentedMethods(r, x.Request), allowHeader(x.Header)
	if !slices.Equal(allowed, documented) {
		return fmt.Errorf("Allow %q, but the document has %v", x.Header.Get("Allow"), documented)
	}
	switch {
	case x.Request.Method == http.MethodOptions && x.Status == http.StatusNoContent && len(documented) > 0:
		return nil
	case len(documented) == 0 && x.Status != http.StatusNotFound:
		return fmt.Errorf("the path is not documented, yet answered %d", x.Status)
	case len(documented) > 0 && x.Status != http.StatusMethodNotAllowed:
		return fmt.Errorf("the path is documented for %v, yet answered %d", documented, x.Status)
	}
	if ct := x.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		return fmt.Errorf("%d as %q, not a problem document", x.Status, ct)
	}
	var body any
	if err := json.Unmarshal(x.Body, &body); err != nil {
		return fmt.Errorf("%d body is not JSON: %w", x.Status, err)
	}
	if err := document.Components.Schemas["Problem"].Value.VisitJSON(body); err != nil {
		return fmt.Errorf("%d body is not a Problem: %w", x.Status, err)
	}
	return nil
}

// documentedMethods lists, sorted, the methods the document has for the
// request's path.
func documentedMethods(r routers.Router, req *http.Request) []string {
	var out []string
	for _, m := range []string{"DELETE", "GET", "PATCH", "POST", "PUT"} {
		probe := req.Clone(context.Background())
		probe.Method = m
		if _, _, err := r.FindRoute(probe); err == nil {
			out = append(out, m)
		}
	}
	return out
}

// allowHeader lists, sorted, the methods of Allow besides HEAD and OPTIONS.
func allowHeader(h http.Header) []string {
	var out []string
	for _, m := range strings.Split(h.Get("Allow"), ",") {
		if m = strings.TrimSpace(m); m != "" && m != "HEAD" && m != "OPTIONS" {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// requestVerdict holds the status against the request's validity: an
// allowed request is never refused as malformed, a forbidden one never
// succeeds. 422 (a rule across fields, a currency off the list) and the
// states of the data (404, 409, 410, 412) may answer an allowed request.
func requestVerdict(reqErr error, status int) error {
	switch {
	case reqErr == nil && (status == http.StatusBadRequest || status == http.StatusUnsupportedMediaType):
		return fmt.Errorf("the document allows this request, yet it was refused with %d", status)
	case reqErr != nil && status < 400:
		return fmt.Errorf("the document forbids this request (%v), yet it was answered %d", reqErr, status)
	}
	return nil
}

// bearerPresent stands in for the key check: the document's part is that a
// request without a Bearer credential is not allowed; whether a given key
// is valid is the server's.
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecuritySchemeName != "bearerAuth" {
		return fmt.Errorf("unknown security scheme %q", in.SecuritySchemeName)
	}
	auth := in.RequestValidationInput.Request.Header.Get("Authorization")
	if scheme, _, ok := strings.Cut(auth, " "); !ok || !strings.EqualFold(scheme, "bearer") {
		return errors.New("no Bearer credential")
	}
	return nil
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}

// Handler wraps h so that every exchange through it is checked; a
// violation fails t (from the server's goroutine, hence Errorf).
func Handler(t testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := readBody(&r.Body)
		if err != nil {
			t.Errorf("openapitest: read request body: %v", err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		res := rec.Result()
		if err := Check(Exchange{Request: r, RequestBody: body, Status: res.StatusCode, Header: res.Header, Body: rec.Body.Bytes()}); err != nil {
			t.Errorf("openapitest: %v", err)
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// Transport wraps rt (nil for http.DefaultTransport) so that every
// exchange a client makes through it is checked.
func Transport(t testing.TB, rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			var err error
			if body, err = io.ReadAll(r.Body); err != nil {
				return nil, err
			}
			r.Body.Close()
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		res, err := rt.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		got, err := readBody(&res.Body)
		if err != nil {
			return nil, err
		}
		if err := Check(Exchange{Request: r, RequestBody: body, Status: res.StatusCode, Header: res.Header, Body: got}); err != nil {
			t.Errorf("openapitest: %v", err)
		}
		return res, nil
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// readBody reads *rc whole and puts an unread copy back.
func readBody(rc *io.ReadCloser) ([]byte, error) {
	if *rc == nil || *rc == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(*rc)
	(*rc).Close()
	*rc = io.NopCloser(bytes.NewReader(b))
	return b, err
}
