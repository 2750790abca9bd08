package main

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// ipLimiter is a token bucket per client address (GCRA): burst requests back to back, then
// rate per second, as nginx limit_req or golang.org/x/time/rate in front of a bridge.
type ipLimiter struct {
	mu        sync.Mutex
	interval  time.Duration
	tolerance time.Duration
	tat       map[string]time.Time // theoretical arrival time per client
	now       func() time.Time
}

func newIPLimiter(ratePerS float64, burst int) *ipLimiter {
	interval := time.Duration(float64(time.Second) / ratePerS)
	return &ipLimiter{interval: interval, tolerance: interval * time.Duration(burst-1), tat: map[string]time.Time{}, now: time.Now}
}

// admit returns 0 when the request may pass, else how long until the next one will.
func (l *ipLimiter) admit(client string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	tat, ok := l.tat[client]
	if !ok || tat.Before(now) {
		tat = now
	}
	if wait := tat.Sub(now) - l.tolerance; wait > 0 {
		return wait
	}
	if len(l.tat) > 100000 {
		for k, v := range l.tat {
			if v.Before(now) {
				delete(l.tat, k)
			}
		}
	}
	l.tat[client] = tat.Add(l.interval)
	return 0
}

// retryAfterSeconds is the Retry-After value: whole seconds, at least 1.
func retryAfterSeconds(wait time.Duration) string {
	return strconv.Itoa(int(math.Max(1, math.Ceil(wait.Seconds()))))
}
