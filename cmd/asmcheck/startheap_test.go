package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gogc returns the collector's current GOGC.
func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestPushFirstCollection checks that pushFirstCollection raises GOGC so
// that the first goal is startHeap, gives the old value back after the
// first collection, and leaves a GOGC or GOMEMLIMIT the user set alone.
func TestPushFirstCollection(t *testing.T) {
	orig := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(orig) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pushFirstCollection()
	if got, want := gogc(), uint64(startHeap/(4<<20)*100); got != want {
		t.Fatalf("GOGC after pushFirstCollection = %d, want %d (a first goal of %d MB)", got, want, startHeap>>20)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for gogc() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC = %d five seconds after a collection, want 100 back", gogc())
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "200")
			pushFirstCollection()
			if got := gogc(); got != 100 {
				t.Errorf("with $%s set, GOGC = %d, want it left at 100", env, got)
			}
		})
	}
}
