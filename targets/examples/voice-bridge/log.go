package main

import (
	"encoding/json"
	"os"
)

// logEvent writes one JSON line on stderr. Callers pass counts and ids only: never phone
// numbers, names, SDP or secrets (a supervised run scans the logs for them).
func logEvent(event string, fields map[string]any) {
	line := map[string]any{"event": event}
	for k, v := range fields {
		line[k] = v
	}
	data, _ := json.Marshal(line)
	os.Stderr.Write(append(data, '\n'))
}
