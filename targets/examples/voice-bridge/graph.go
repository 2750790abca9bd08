package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	graphVersion   = "v21.0"
	maxAttempts    = 8
	sendDeadline   = 60 * time.Second
	retryBase      = 200 * time.Millisecond
	retryCap       = 5 * time.Second
	rateLimitBase  = time.Second
	rateLimitCap   = 30 * time.Second
	attemptTimeout = 10 * time.Second
)

// Meta's rate-limit codes (throughput, pair rate, account, app) and transient codes.
var rateLimitCodes = map[int]bool{130429: true, 131056: true, 80007: true, 4: true}
var transientCodes = map[int]bool{1: true, 2: true, 131000: true, 131016: true}

type errorClass int

const (
	classRetry errorClass = iota
	classRateLimit
	classFatal
)

// classify applies Meta's rules: codes first (limits come with 400 or 429), then status:
// 429 rate limit, 5xx transient, any other 4xx final. status 0 = timeout or network error.
func classify(status, code int) errorClass {
	switch {
	case status == 0:
		return classRetry
	case rateLimitCodes[code] || status == 429:
		return classRateLimit
	case transientCodes[code] || status >= 500:
		return classRetry
	default:
		return classFatal
	}
}

// backoff is the delay before retry `attempt` (1 = first retry): jitter in [cap/2, cap];
// Retry-After wins for rate limits, bounded by the rate-limit cap.
func backoff(class errorClass, attempt int, retryAfter time.Duration, rng func() float64) time.Duration {
	base, limit := retryBase, retryCap
	if class == classRateLimit {
		if retryAfter > 0 {
			if retryAfter > rateLimitCap {
				return rateLimitCap
			}
			return retryAfter
		}
		base, limit = rateLimitBase, rateLimitCap
	}
	top := base << uint(attempt-1)
	if top > limit || top <= 0 {
		top = limit
	}
	return top/2 + time.Duration(rng()*float64(top/2))
}

// parseRetryAfter reads delta seconds or an HTTP date; 0 when absent or unreadable.
func parseRetryAfter(header string, now time.Time) time.Duration {
	header = strings.TrimSpace(header)
	if header == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(header, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second))
	}
	if at, err := http.ParseTime(header); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

type graphClient struct {
	base  string
	token string
	http  *http.Client
	stop  chan struct{}
}

func newGraphClient(baseURL, token string) (*graphClient, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GRAPH_BASE_URL %q is not an http(s) URL. Point it at the Graph API or the mock", baseURL)
	}
	transport := &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	return &graphClient{
		base:  strings.TrimRight(baseURL, "/"),
		token: token,
		http:  &http.Client{Timeout: attemptTimeout, Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		stop:  make(chan struct{}),
	}, nil
}

// send POSTs payload to /{version}/{phone}/{edge} until it is sent, fatal or out of budget,
// and returns "sent", "fatal", "exhausted" or "deadline".
func (g *graphClient) send(phoneNumberID, edge string, payload any) string {
	body, _ := json.Marshal(payload)
	target := fmt.Sprintf("%s/%s/%s/%s", g.base, graphVersion, url.PathEscape(phoneNumberID), edge)
	started := time.Now()
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		status, code, retryAfter := g.attempt(target, body)
		if status >= 200 && status < 300 {
			return "sent"
		}
		class := classify(status, code)
		if class == classFatal {
			return "fatal"
		}
		if attempt == maxAttempts {
			return "exhausted"
		}
		delay := backoff(class, attempt, retryAfter, rand.Float64)
		if time.Since(started)+delay > sendDeadline {
			return "deadline"
		}
		select {
		case <-time.After(delay):
		case <-g.stop:
			return "deadline"
		}
	}
	return "exhausted"
}

func (g *graphClient) attempt(target string, body []byte) (status, code int, retryAfter time.Duration) {
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, 0, 0
	}
	req.Header.Set("Authorization", "Bearer "+g.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := g.http.Do(req)
	if err != nil {
		return 0, 0, 0
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	var graphErr struct {
		Error struct {
			Code int `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(data, &graphErr)
	return res.StatusCode, graphErr.Error.Code, parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
}

// close ends pending backoff waits (a drain past its deadline).
func (g *graphClient) close() { close(g.stop) }
