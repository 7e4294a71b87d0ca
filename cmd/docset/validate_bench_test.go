package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/docset/docset/internal/synthrecords"
	"github.com/docset/docset/schema"
)

// The peers docset validate is measured beside, as users install them.
var validatePeers = []string{"ajv-cli@5.0.0", "ajv-formats@3.0.1", "@sourcemeta/jsonschema@16.11.0"}

const (
	peerDocs   = 10_000 // documents in each corpus
	peerRounds = 5      // runs of every command, interleaved, for the median
)

// BenchmarkValidatePeers times whole commands, start-up and I/O included,
// beside ajv-cli 5 (with ajv-formats) and sourcemeta's jsonschema, all
// installed from npm into a temporary folder: 10,000 ~3.1 KB records as
// files, and the same records as one JSON Lines file, against the record
// schema given as a file. Each command runs peerRounds times, the tools
// interleaved so that the machine's other load falls on all alike; the
// metrics are the median wall time, the CPU time (user+system) and the
// peak resident memory of each tool. It skips, saying why, where Node or
// npm cannot install the peers.
func BenchmarkValidatePeers(b *testing.B) {
	bin := buildDocset(b)
	peers := installPeers(b)
	dir := b.TempDir()
	schemaPath := filepath.Join(dir, "record.schema.json")
	if err := os.WriteFile(schemaPath, schema.JSON(), 0o644); err != nil {
		b.Fatal(err)
	}
	files, jsonl := writePeerCorpus(b, dir)
	ajv := filepath.Join(peers, "node_modules", ".bin", "ajv")
	sourcemeta := filepath.Join(peers, "node_modules", ".bin", "jsonschema")
	cases := []struct {
		corpus string
		tools  []peerCommand
	}{
		{"files", []peerCommand{
			{"docset", bin, []string{"validate", "--schema", schemaPath, files}},
			{"ajv-cli", ajv, []string{"validate", "--spec=draft2020", "--strict=false", "-c", "ajv-formats", "-s", schemaPath, "-d", files + "/*.json"}},
			{"sourcemeta", sourcemeta, []string{"validate", "-F", schemaPath, files}},
		}},
		{"jsonl", []peerCommand{
			{"docset", bin, []string{"validate", "--schema", schemaPath, jsonl}},
			{"sourcemeta-fast", sourcemeta, []string{"validate", "--fast", schemaPath, jsonl}},
		}},
	}
	for _, c := range cases {
		b.Run(c.corpus, func(b *testing.B) {
			stats := make([]peerStats, len(c.tools))
			for b.Loop() {
				for _, t := range c.tools {
					t.run(b, peers) // warm the page cache and check the command works
				}
				for range peerRounds {
					for i, t := range c.tools {
						stats[i].add(t.run(b, peers))
					}
				}
			}
			for i, t := range c.tools {
				s := stats[i]
				b.ReportMetric(s.medianWall().Seconds(), t.name+"-wall-s")
				b.ReportMetric(s.cpu.Seconds()/float64(len(s.walls)), t.name+"-cpu-s")
				b.ReportMetric(float64(s.maxRSS)/(1<<20), t.name+"-rss-MB")
			}
		})
	}
}

type peerCommand struct {
	name string
	path string
	args []string
}

type peerRun struct {
	wall, cpu time.Duration
	rss       int64 // bytes
}

type peerStats struct {
	walls  []time.Duration
	cpu    time.Duration
	maxRSS int64
}

func (s *peerStats) add(r peerRun) {
	s.walls = append(s.walls, r.wall)
	s.cpu += r.cpu
	s.maxRSS = max(s.maxRSS, r.rss)
}

func (s *peerStats) medianWall() time.Duration {
	w := slices.Clone(s.walls)
	slices.Sort(w)
	return w[len(w)/2]
}

// run runs the command once in dir, its report discarded as a CI log
// would keep it, and fails on any exit status but 0.
func (c peerCommand) run(b *testing.B, dir string) peerRun {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.path, c.args...)
	cmd.Dir = dir
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	cmd.Stdout = devnull
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s %s: %v\n%s", c.name, strings.Join(c.args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	r := peerRun{wall: wall, cpu: ps.UserTime() + ps.SystemTime()}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		r.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return r
}

// buildDocset builds the command as users get it.
func buildDocset(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "docset")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var peersOnce = sync.OnceValues(func() (string, error) {
	if _, err := exec.LookPath("npm"); err != nil {
		return "", fmt.Errorf("npm not found: install Node.js (the Debian packages nodejs and npm)")
	}
	// One folder per set of versions, so repeated runs install once.
	sum := sha256.Sum256([]byte(strings.Join(validatePeers, " ")))
	dir := filepath.Join(os.TempDir(), "docset-bench-peers-"+hex.EncodeToString(sum[:6]))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", ".bin", "jsonschema")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"install", "--prefix", dir, "--no-audit", "--no-fund", "--loglevel=error"}, validatePeers...)
	if out, err := exec.CommandContext(ctx, "npm", args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install %s: %v (is the npm registry reachable?)\n%s", strings.Join(validatePeers, " "), err, out)
	}
	return dir, nil
})

// installPeers returns the folder the peers are installed in, skipping the
// benchmark when they cannot be.
func installPeers(b *testing.B) string {
	b.Helper()
	dir, err := peersOnce()
	if err != nil {
		b.Skipf("skipping the comparison with peers: %v", err)
	}
	return dir
}

// writePeerCorpus writes the records as files, compact (~3.1 KB each), and
// as one JSON Lines file.
func writePeerCorpus(b *testing.B, dir string) (files, jsonl string) {
	b.Helper()
	m, err := synthrecords.New("../..")
	if err != nil {
		b.Fatal(err)
	}
	files = filepath.Join(dir, "files")
	jsonl = filepath.Join(dir, "records.jsonl")
	f, err := os.Create(jsonl)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := os.MkdirAll(files, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range peerDocs {
		rec, err := m.Record(i)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(files, fmt.Sprintf("doc-%06d.json", i)), rec, 0o644); err != nil {
			b.Fatal(err)
		}
		w.Write(rec)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return files, jsonl
}
