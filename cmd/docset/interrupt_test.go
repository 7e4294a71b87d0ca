//go:build unix

package main

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/internal/corpus"
	"github.com/docset/docset/internal/outputguard"
	"github.com/docset/docset/internal/report"
	"github.com/docset/docset/internal/synthrecords"
)

// outputTree reads every file under dir by slash path, leaving out
// report.json and its line in the manifest, which hold the run's times.
func outputTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == report.FileName {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == outputguard.ManifestName {
			var kept []string
			for _, line := range strings.Split(string(data), "\n") {
				if !strings.Contains(line, `"`+report.FileName+`"`) {
					kept = append(kept, line)
				}
			}
			data = []byte(strings.Join(kept, "\n"))
		}
		tree[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// docsetIn returns a command running the built docset with its temporary
// files in tmp.
func docsetIn(t *testing.T, tmp string, args ...string) *exec.Cmd {
	cmd := exec.Command(docsetBinary(t), args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	return cmd
}

// bulkSample writes the first n documents of the bulk corpus to a JSON
// Lines file of their own.
func bulkSample(t *testing.T, n int) string {
	t.Helper()
	f, err := os.Open(corpus.Path(t, "bulk-wikinews/wikinews-2019-2020.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "sample.ndjson")
	writeTestFile(t, path, b.String())
	return path
}

// TestKillAndRerun kills docset run at random points of its extraction
// and its export, runs it again without --force, and compares the output
// folder with that of a run that was not stopped: the same files, byte
// for byte, and nothing left behind, in the folder or the temporary
// folder. Twenty times in a row.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs docset forty times")
	}
	in := bulkSample(t, 30)
	tmp := t.TempDir()
	ref := filepath.Join(t.TempDir(), "ref")
	start := time.Now()
	if out, err := docsetIn(t, tmp, "run", in, "-o", ref).CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	took := time.Since(start)
	want := outputTree(t, ref)
	seed := uint64(time.Now().UnixNano())
	t.Logf("an uninterrupted run takes %v; random seed %d", took, seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	for i := range 20 {
		out := filepath.Join(t.TempDir(), "out")
		cmd := docsetIn(t, tmp, "run", in, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		after := time.Duration(rng.Int64N(int64(took)))
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if msg, err := docsetIn(t, tmp, "run", in, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("round %d, killed after %v: rerun: %v\n%s", i+1, after, err, msg)
		}
		if diff := cmp.Diff(want, outputTree(t, out)); diff != "" {
			t.Fatalf("round %d, killed after %v: output differs from an uninterrupted run's (-want +got):\n%.3000s", i+1, after, diff)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Fatalf("round %d, killed after %v: left in the temporary folder: %v", i+1, after, left)
		}
	}
}

// TestInterruptDuringWorkbook interrupts an export (Ctrl-C, SIGINT) while
// the workbook is being written: it stops within seconds, leaves the
// previous outputs as they were and nothing of its own, and the next
// export runs without --force.
func TestInterruptDuringWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("exports thousands of records")
	}
	root, err := corpus.ModuleRoot()
	if err != nil {
		t.Skip(err)
	}
	mk, err := synthrecords.New(root)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 6000 {
		rec, err := mk.Record(i)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(rec)
		b.WriteByte('\n')
	}
	in := filepath.Join(t.TempDir(), "records.ndjson")
	writeTestFile(t, in, b.String())
	tmp := t.TempDir()
	out := filepath.Join(t.TempDir(), "out")
	// A first export, whose files the interrupted one must leave alone.
	seedRecords := filepath.Join(t.TempDir(), "records.ndjson")
	writeTestFile(t, seedRecords, strings.SplitAfterN(b.String(), "\n", 2)[0])
	if msg, err := docsetIn(t, tmp, "export", "--format", "xlsx", "-o", out, seedRecords).CombinedOutput(); err != nil {
		t.Fatalf("first export: %v\n%s", err, msg)
	}
	before := outputTree(t, out)

	cmd := docsetIn(t, tmp, "export", "--format", "xlsx", "-o", out, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	staging := filepath.Join(out, outputguard.StagingName)
	writing := false
	for !writing {
		select {
		case <-done:
			t.Fatal("the export ended before the workbook was written: give it more records")
		case <-time.After(time.Millisecond):
		}
		entries, _ := os.ReadDir(staging)
		for _, e := range entries {
			writing = writing || strings.HasPrefix(e.Name(), ".dataset.xlsx.tmp-")
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 30 s after the interrupt")
	}
	t.Logf("stopped %v after the interrupt, exit %d", time.Since(sent), cmd.ProcessState.ExitCode())
	if cmd.ProcessState.ExitCode() == 0 {
		t.Error("an interrupted export exits 0")
	}
	if diff := cmp.Diff(before, outputTree(t, out)); diff != "" {
		t.Errorf("the interrupted export changed the folder (-before +after):\n%.2000s", diff)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
	if msg, err := docsetIn(t, tmp, "export", "--format", "xlsx", "-o", out, seedRecords).CombinedOutput(); err != nil {
		t.Errorf("export after the interrupt: %v\n%s", err, msg)
	}
}
