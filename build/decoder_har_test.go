package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/authcodes/authcodes/internal/bighar"
)

// recordedDecoder serves the built site through a request recorder and
// opens /decode/ in a fresh browser that also records every request the
// page and its worker make, and saves downloads in dir.
func recordedDecoder(t *testing.T) (ctx context.Context, log *requestLog, pageRequests func() []string, dir string) {
	t.Helper()
	serveLiveSite(t)
	log = &requestLog{}
	h, err := siteHandler(liveSite.site, liveSite.dir)
	if err != nil {
		t.Fatal(err)
	}
	recorded := httptest.NewServer(log.wrap(h))
	t.Cleanup(recorded.Close)
	ctx = newBrowser(t)
	pageRequests = recordPageRequests(t, ctx)
	dir = t.TempDir()
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(recorded.URL+"/decode/"), moduleReady); err != nil {
		t.Fatal(err)
	}
	return ctx, log, pageRequests, dir
}

// recordPageRequests records every request the browser's pages and their
// workers send (URL, headers and body), as the browser sees them.
func recordPageRequests(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var seen []string
	var mu sync.Mutex
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			r := e.Request.URL + " " + fmt.Sprint(e.Request.Headers)
			for _, p := range e.Request.PostDataEntries {
				r += " " + string(p.Bytes)
			}
			mu.Lock()
			seen = append(seen, r)
			mu.Unlock()
		}
	})
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// dropFile drops a file with that name and content on the decoder, as a
// user dragging it from the desktop does. The content travels to the page
// over the DevTools protocol, not the network.
func dropFile(ctx context.Context, name, content string) error {
	js, _ := json.Marshal(content)
	n, _ := json.Marshal(name)
	return chromedp.Do(ctx, discard(chromedp.Evaluate[bool](`(() => {
  const dt = new DataTransfer();
  dt.items.add(new File([`+string(js)+`], `+string(n)+`, { type: "application/json" }));
  const zone = document.getElementById("decoder");
  zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
  zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  return true;
})()`)))
}

// TestDecoderHARDrop drops the Chromium recording of a failed Entra sign-in
// on the page: it shows the steps, the failing one, and the Entra code
// first; the sanitized HAR it saves holds no secret; and neither the file
// nor anything in it reached the server or any other address.
func TestDecoderHARDrop(t *testing.T) {
	har, err := os.ReadFile(harFixture)
	if err != nil {
		t.Fatal(err)
	}
	ctx, log, pageRequests, dir := recordedDecoder(t)
	if err := dropFile(ctx, "signin.har", string(har)); err != nil {
		t.Fatal(err)
	}
	if got, err := waitFor(ctx, `(document.querySelector("#result .card h2") || {}).textContent || ""`, "The sign-in, step by step: it failed at step 7"); err != nil || got != "The sign-in, step by step: it failed at step 7" {
		t.Fatalf("steps heading %q (%v)", got, err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelectorAll("#result .card h2")[1].textContent`))
	if err != nil || !strings.HasPrefix(first, "AADSTS50105: ") {
		t.Errorf("first entry %q (%v), want AADSTS50105", first, err)
	}
	failed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#result .steps li")].map((li, i) => li.className === "failed" ? String(i + 1) : "").join("")`))
	if err != nil || failed != "7" {
		t.Errorf("the step marked failed is %q (%v), want 7", failed, err)
	}
	// The sanitized download.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#sanitize"))); err != nil {
		t.Fatal(err)
	}
	var clean []byte
	for range 200 {
		if b, err := os.ReadFile(filepath.Join(dir, "signin-sanitized.har")); err == nil && len(b) > 0 && json.Valid(b) {
			clean = b
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if clean == nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no sanitized HAR was saved (download dir holds %v)", entries)
	}
	checkSanitized(t, har, clean)
	// Nothing of the file went anywhere.
	secrets := []string{harSecrets.password, harSecrets.code, harSecrets.estsAuth, harSecrets.esctx, harSecrets.refresh, harSecrets.verifier, "AADSTS50105", "signin-oidc", "Fixture App"}
	for _, s := range secrets {
		if hits := log.containing(s); len(hits) > 0 {
			t.Errorf("the server received %q: %v", s, hits)
		}
		for _, r := range pageRequests() {
			if strings.Contains(r, s) {
				t.Errorf("the page requested %q", r)
			}
		}
	}
	if len(log.containing("GET /decode/")) == 0 {
		t.Fatal("the recording front saw no request at all; the test proves nothing")
	}
}

// TestDecoderFileAndExpect: a file chosen with the file input is read in
// the page, one over 20 MB gets a clear error, and the configuration field
// compares a pasted request with the app's redirect URI.
func TestDecoderFileAndExpect(t *testing.T) {
	ctx, log, _, _ := recordedDecoder(t)
	// Over the page's limit: refused before it is read.
	big := filepath.Join(t.TempDir(), "huge.har")
	if err := os.WriteFile(big, []byte(`{"log":{"entries":[`+strings.Repeat(" ", 21<<20)+`]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{big})); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[string](`(document.querySelector("#result .error") || {}).textContent || ""`))
	if err != nil || !strings.Contains(got, "up to 20 MB") {
		t.Errorf("the error for a 21 MB file is %q (%v)", got, err)
	}
	// The configuration field, with a pasted request.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#clear")),
		discard(chromedp.Evaluate[bool](`(document.getElementById("expect").open = true)`)),
		chromedp.SendKeys(chromedp.CSS("#expect-redirect_uri"), "https://app.example.com/callback"),
	); err != nil {
		t.Fatal(err)
	}
	request := "https://app.example.com/callback/?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+does+not+match&state=zz-unique-state\n" +
		"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F&state=zz-unique-state"
	if err := pasteAndExplain(ctx, request); err != nil {
		t.Fatal(err)
	}
	diag, err := chromedp.Run(ctx, chromedp.Poll[string](`[...document.querySelectorAll("#result .card h2")].some((h) => h.textContent === "Compared with your configuration") && document.querySelector("#result .card.warn li").textContent`))
	if err != nil || !strings.Contains(diag, "trailing slash") || !strings.Contains(diag, "RFC 6749 section 3.1.2.3") {
		t.Errorf("the comparison says %q (%v), want the trailing slash and the rule", diag, err)
	}
	cause, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#result .causes > li") || {}).textContent || ""`))
	if err != nil || !strings.Contains(cause, "differs slightly") || !strings.Contains(cause, "trailing slash") {
		t.Errorf("the cause the evidence supports is %q (%v), want the small difference, moved by the trailing slash", cause, err)
	}
	if hits := log.containing("zz-unique-state"); len(hits) > 0 {
		t.Errorf("the server received the pasted request: %v", hits)
	}
}

// BenchmarkDecoderPageHAR20MB chooses a HAR just under the page's 20 MB
// limit in the decoder page, in headless Chromium, and waits for the
// explanation: the module reads it in its Web Worker, as a user's would.
func BenchmarkDecoderPageHAR20MB(b *testing.B) {
	recorded, err := os.ReadFile(harFixture)
	if err != nil {
		b.Fatal(err)
	}
	har, err := bighar.Build(recorded, 20<<20-(256<<10))
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "big.har")
	if err := os.WriteFile(file, har, 0o644); err != nil {
		b.Fatal(err)
	}
	base := serveLiveSite(b)
	ctx := newBrowser(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/decode/"), moduleReady); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(har)))
	for b.Loop() {
		if err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS("#clear")),
			discard(chromedp.Poll[bool](`document.querySelector("#result").childElementCount === 0`)),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
			discard(chromedp.Poll[bool](`((document.querySelector("#result .card h2") || {}).textContent || "").startsWith("The sign-in, step by step: it failed at step 7")`, chromedp.WithPollingInterval(20*time.Millisecond))),
		); err != nil {
			b.Fatal(err)
		}
	}
}
