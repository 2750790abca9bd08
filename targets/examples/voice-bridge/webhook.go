package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
)

const maxBodyBytes = 3*1024*1024 + 256*1024

// validSignature checks X-Hub-Signature-256 (`sha256=<hex>`) over the raw bytes as received,
// in constant time: Meta escapes unicode, so a re-serialised body would not match.
func validSignature(appSecret string, body []byte, header string) bool {
	if header == "" {
		return false
	}
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return subtle.ConstantTimeCompare([]byte(expected), []byte(strings.TrimSpace(header))) == 1
}

type envelope struct {
	Entry []struct {
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Metadata struct {
					PhoneNumberID string `json:"phone_number_id"`
				} `json:"metadata"`
				Messages []struct {
					ID   string `json:"id"`
					From string `json:"from"`
					Type string `json:"type"`
				} `json:"messages"`
				Calls []struct {
					ID    string `json:"id"`
					Event string `json:"event"`
				} `json:"calls"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

type callEvent struct{ id, event, phoneNumberID string }
type inboundMessage struct{ id, from, kind, phoneNumberID string }

// parseUpdates lists the call events and inbound messages of a webhook body; statuses,
// errors and other fields are consumed without an answer.
func parseUpdates(body []byte) ([]callEvent, []inboundMessage, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, nil, errors.New("body is not valid JSON")
	}
	if _, ok := raw["entry"]; !ok {
		return nil, nil, errors.New("not a webhook envelope: expected an object with entry[]")
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, nil, errors.New("not a webhook envelope: " + err.Error())
	}
	var calls []callEvent
	var messages []inboundMessage
	for _, entry := range env.Entry {
		for _, change := range entry.Changes {
			phone := change.Value.Metadata.PhoneNumberID
			if change.Field == "calls" {
				for _, c := range change.Value.Calls {
					if c.ID != "" && c.Event != "" {
						calls = append(calls, callEvent{c.ID, c.Event, phone})
					}
				}
			}
			for _, m := range change.Value.Messages {
				if m.ID != "" {
					messages = append(messages, inboundMessage{m.ID, m.From, m.Type, phone})
				}
			}
		}
	}
	return calls, messages, nil
}
