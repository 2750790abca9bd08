// Command voice-bridge is a WhatsApp voice bridge on the Go standard library: it consumes
// `calls` webhooks and answers each new connect with pre_accept, then accept, on
// POST {GRAPH_BASE_URL}/v21.0/{phone_number_id}/calls. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

const drainTimeout = 30 * time.Second

var defects = map[string]string{
	"never-accept": "sends pre_accept for each connect but never accept (the call keeps ringing)",
}

type config struct {
	host, port                          string
	appSecret, verifyToken, accessToken string
	graphBaseURL, defect                string
}

func loadConfig() (config, error) {
	c := config{
		host:         envOr("HOST", "127.0.0.1"),
		port:         envOr("PORT", "8080"),
		appSecret:    os.Getenv("WHATSAPP_APP_SECRET"),
		verifyToken:  os.Getenv("WHATSAPP_VERIFY_TOKEN"),
		accessToken:  os.Getenv("WHATSAPP_ACCESS_TOKEN"),
		graphBaseURL: envOr("GRAPH_BASE_URL", "https://graph.facebook.com"),
		defect:       envOr("EXAMPLE_DEFECT", "none"),
	}
	if p, err := strconv.Atoi(c.port); err != nil || p < 1 || p > 65535 {
		return c, fmt.Errorf("PORT %q is not a port number. Set PORT to 1-65535", c.port)
	}
	if c.appSecret == "" {
		return c, errors.New("WHATSAPP_APP_SECRET is not set. Set it (the harness passes it to a supervised target)")
	}
	if c.accessToken == "" {
		return c, errors.New("WHATSAPP_ACCESS_TOKEN is not set. Set it (the harness passes it to a supervised target)")
	}
	if _, ok := defects[c.defect]; !ok && c.defect != "none" {
		return c, fmt.Errorf("EXAMPLE_DEFECT %q is not one of this example's defects (never-accept). Unset it for the correct bridge", c.defect)
	}
	return c, nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintf(os.Stderr, "voice-bridge: Could not start: %v.\n", err)
		os.Exit(2)
	}
	graph, err := newGraphClient(cfg.graphBaseURL, cfg.accessToken)
	if err != nil {
		fmt.Fprintf(os.Stderr, "voice-bridge: Could not start: %v.\n", err)
		os.Exit(2)
	}
	bridge := newBridge(cfg, graph)
	listener, err := net.Listen("tcp", net.JoinHostPort(cfg.host, cfg.port))
	if err != nil {
		fmt.Fprintf(os.Stderr, "voice-bridge: Could not listen on %s:%s: %v. Pick a free PORT.\n", cfg.host, cfg.port, err)
		os.Exit(3)
	}
	server := &http.Server{Handler: bridge.routes(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logEvent("serve_failed", map[string]any{"error": err.Error()})
		}
	}()
	logEvent("started", map[string]any{"example": "voice-bridge", "defect": cfg.defect, "port": cfg.port})
	<-ctx.Done()
	stop() // a second SIGTERM now kills the process at once

	// Graceful shutdown: stop accepting, finish open requests, then the calls being answered.
	deadline := time.Now().Add(drainTimeout)
	bridge.stopping.Store(true)
	shutdownCtx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		logEvent("shutdown_timeout", map[string]any{"error": err.Error()})
	}
	drained := bridge.drain(deadline)
	logEvent("stopped", map[string]any{"drained": drained})
}
