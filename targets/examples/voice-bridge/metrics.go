package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// counters is a minimal Prometheus registry: counters with one label set per series.
type counters struct {
	mu     sync.Mutex
	help   map[string]string
	series map[string]map[string]float64 // name -> rendered labels -> value
}

func newCounters(help map[string]string) *counters {
	return &counters{help: help, series: map[string]map[string]float64{}}
}

// inc adds 1 to name{labels...}; labels are key, value pairs.
func (c *counters) inc(name string, labels ...string) {
	pairs := make([]string, 0, len(labels)/2)
	for i := 0; i+1 < len(labels); i += 2 {
		pairs = append(pairs, fmt.Sprintf("%s=%q", labels[i], labels[i+1]))
	}
	key := ""
	if len(pairs) > 0 {
		key = "{" + strings.Join(pairs, ",") + "}"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.series[name] == nil {
		c.series[name] = map[string]float64{}
	}
	c.series[name][key]++
}

func (c *counters) get(name, labels string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.series[name][labels]
}

func (c *counters) render() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	names := make([]string, 0, len(c.help))
	for name := range c.help {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s counter\n", name, c.help[name], name)
		keys := make([]string, 0, len(c.series[name]))
		for k := range c.series[name] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s%s %v\n", name, k, c.series[name][k])
		}
	}
	return b.String()
}
