package ops

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// checkPage is the original's `curl -I http://localhost:8002/careers/`.
func (d *Doctor) checkPage(ctx context.Context, path string) Check {
	url := strings.TrimRight(d.URL, "/") + path
	c := Check{Name: "GET " + path + " answers 200"}
	client := d.HTTP
	if client == nil {
		client = &http.Client{Timeout: defaultDoctorHTTPTimout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		c.Detail, c.Hint = err.Error(), "give --url as http://host:port"
		return c
	}
	resp, err := client.Do(req)
	if err != nil {
		c.Detail, c.Hint = err.Error(), "is zumodra serve running at "+d.URL+"?"
		return c
	}
	resp.Body.Close()
	c.OK = resp.StatusCode == http.StatusOK
	c.Detail = fmt.Sprintf("%s: %s", url, resp.Status)
	if !c.OK {
		c.Hint = "see the server's log for the request's error"
	}
	return c
}
