package main

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// sdpAnswer is a fixed, well-formed opus answer: the media leg is out of scope here.
const sdpAnswer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=voice-bridge\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp-mux\r\na=ice-ufrag:vbrg\r\na=ice-pwd:voice-bridge-example-pwd0\r\na=setup:active\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n"

const (
	limitPerS  = 10
	limitBurst = 20
	dedupeTTL  = 24 * time.Hour
)

type bridge struct {
	cfg      config
	graph    *graphClient
	limiter  *ipLimiter
	metrics  *counters
	stopping atomic.Bool
	tasks    sync.WaitGroup
	pending  atomic.Int64
	seenMu   sync.Mutex
	seen     map[string]time.Time
}

func newBridge(cfg config, graph *graphClient) *bridge {
	return &bridge{
		cfg:     cfg,
		graph:   graph,
		limiter: newIPLimiter(limitPerS, limitBurst),
		seen:    map[string]time.Time{},
		metrics: newCounters(map[string]string{
			"voice_bridge_webhooks_received_total": "Webhook POSTs by outcome (rate_limited: answered 429).",
			"voice_bridge_call_events_total":       "New call events by event (duplicates excluded).",
			"voice_bridge_graph_sends_total":       "Graph API sends that went through, by kind.",
			"voice_bridge_sends_failed_total":      "Graph API sends given up, by kind and reason.",
		}),
	}
}

func (b *bridge) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/webhook", b.webhook)
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		status, code := "ok", http.StatusOK
		if b.stopping.Load() {
			status, code = "stopping", http.StatusServiceUnavailable
		}
		writeJSON(w, code, map[string]any{"status": status, "defect": b.cfg.defect, "inFlightTasks": b.pending.Load()})
	})
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		io.WriteString(w, b.metrics.render())
	})
	return mux
}

func (b *bridge) webhook(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		b.verify(w, r)
	case http.MethodPost:
		b.receive(w, r)
	default:
		writeError(w, http.StatusMethodNotAllowed, "use GET (verify) or POST (webhook)")
	}
}

// verify answers Meta's GET handshake with hub.challenge when the verify token matches.
func (b *bridge) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !q.Has("hub.mode") || !q.Has("hub.verify_token") || !q.Has("hub.challenge") {
		http.Error(w, "missing hub.mode, hub.verify_token or hub.challenge", http.StatusBadRequest)
		return
	}
	token := q.Get("hub.verify_token")
	if q.Get("hub.mode") != "subscribe" || b.cfg.verifyToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(b.cfg.verifyToken)) != 1 {
		http.Error(w, "verification failed", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, q.Get("hub.challenge"))
}

func (b *bridge) receive(w http.ResponseWriter, r *http.Request) {
	// The limit first, so a request beyond it has no effect at all.
	if wait := b.limiter.admit(clientAddress(r)); wait > 0 {
		b.metrics.inc("voice_bridge_webhooks_received_total", "outcome", "rate_limited")
		w.Header().Set("Retry-After", retryAfterSeconds(wait))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("rate limit of %d requests/s per client (burst %d) exceeded; retry later", limitPerS, limitBurst))
		return
	}
	if b.stopping.Load() {
		b.reject(w, http.StatusServiceUnavailable, "stopping", "shutting down; Meta will redeliver")
		return
	}
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/json" {
		b.reject(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "expected Content-Type: application/json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		b.reject(w, http.StatusRequestEntityTooLarge, "too_large", "body too large or unreadable")
		return
	}
	if !validSignature(b.cfg.appSecret, body, r.Header.Get("X-Hub-Signature-256")) {
		b.reject(w, http.StatusUnauthorized, "unauthorized", "X-Hub-Signature-256 missing or wrong")
		return
	}
	calls, messages, err := parseUpdates(body)
	if err != nil {
		b.reject(w, http.StatusBadRequest, "malformed", err.Error())
		return
	}
	started := time.Now()
	var newCalls []callEvent
	for _, c := range calls {
		if b.claim("call:" + c.id + ":" + c.event) { // a terminate is not a repeated connect
			newCalls = append(newCalls, c)
		}
	}
	var newMessages []inboundMessage
	for _, m := range messages {
		if b.claim("msg:" + m.id) {
			newMessages = append(newMessages, m)
		}
	}
	took := time.Since(started)
	b.metrics.inc("voice_bridge_webhooks_received_total", "outcome", "accepted")
	for _, c := range newCalls {
		c := c // Go 1.19: one variable per loop, not per iteration
		b.metrics.inc("voice_bridge_call_events_total", "event", c.event)
		if c.event == "connect" {
			b.background(func() { b.answerCall(c) })
		}
	}
	for _, m := range newMessages {
		m := m
		b.background(func() { b.answerMessage(m) })
	}
	w.Header().Set("Server-Timing", fmt.Sprintf("dedupe;dur=%.3f", float64(took.Microseconds())/1000))
	writeJSON(w, http.StatusOK, map[string]any{"received": true, "calls": len(newCalls), "messages": len(newMessages), "duplicates": len(calls) + len(messages) - len(newCalls) - len(newMessages)})
}

// answerCall: pre_accept (the media path is being set up), then accept once that went through.
func (b *bridge) answerCall(c callEvent) {
	if c.phoneNumberID == "" {
		b.metrics.inc("voice_bridge_sends_failed_total", "kind", "call", "reason", "no_phone_number_id")
		return
	}
	action := func(name string) bool {
		payload := map[string]any{"messaging_product": "whatsapp", "call_id": c.id, "action": name, "session": map[string]string{"sdp_type": "answer", "sdp": sdpAnswer}}
		return b.sent("call_"+name, b.graph.send(c.phoneNumberID, "calls", payload))
	}
	if !action("pre_accept") || b.cfg.defect == "never-accept" {
		return
	}
	action("accept")
}

// answerMessage: a voice bridge still owns its number's chats, so messages get read + reply.
func (b *bridge) answerMessage(m inboundMessage) {
	if m.phoneNumberID == "" {
		return
	}
	b.sent("read", b.graph.send(m.phoneNumberID, "messages", map[string]any{"messaging_product": "whatsapp", "status": "read", "message_id": m.id}))
	if m.from == "" {
		return
	}
	reply := map[string]any{"messaging_product": "whatsapp", "recipient_type": "individual", "to": m.from, "type": "text",
		"text": map[string]string{"body": "This number answers calls; tap the call button to talk to us."}, "context": map[string]string{"message_id": m.id}}
	b.sent("reply", b.graph.send(m.phoneNumberID, "messages", reply))
}

func (b *bridge) sent(kind, outcome string) bool {
	if outcome == "sent" {
		b.metrics.inc("voice_bridge_graph_sends_total", "kind", kind)
		return true
	}
	b.metrics.inc("voice_bridge_sends_failed_total", "kind", kind, "reason", outcome)
	logEvent("send_failed", map[string]any{"kind": kind, "reason": outcome})
	return false
}

// claim is an atomic check-and-mark with a 24 h TTL: true the first time a key is seen.
func (b *bridge) claim(key string) bool {
	now := time.Now()
	b.seenMu.Lock()
	defer b.seenMu.Unlock()
	if until, ok := b.seen[key]; ok && until.After(now) {
		return false
	}
	if len(b.seen) > 1000000 {
		for k, until := range b.seen {
			if !until.After(now) {
				delete(b.seen, k)
			}
		}
	}
	b.seen[key] = now.Add(dedupeTTL)
	return true
}

func (b *bridge) background(task func()) {
	b.tasks.Add(1)
	b.pending.Add(1)
	go func() {
		defer b.tasks.Done()
		defer b.pending.Add(-1)
		task()
	}()
}

// drain waits for the background work until deadline; past it, pending backoffs are cut short.
func (b *bridge) drain(deadline time.Time) bool {
	done := make(chan struct{})
	go func() { b.tasks.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(time.Until(deadline)):
		logEvent("drain_timeout", map[string]any{"abandoned": b.pending.Load()})
		b.graph.close()
		return false
	}
}

func (b *bridge) reject(w http.ResponseWriter, status int, outcome, message string) {
	b.metrics.inc("voice_bridge_webhooks_received_total", "outcome", outcome)
	writeError(w, status, message)
}

func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return strings.TrimSpace(host)
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(value)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]any{"error": message, "status": status})
}
