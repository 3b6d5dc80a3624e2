// Command loadgen measures the service under load: it starts Preflight's
// HTTP service in-process on a loopback port (real rules, calendar and a
// news index of synthetic articles, built once into a folder and reused),
// then sends POST /v1/check from concurrent keep-alive clients, bounded in
// count and time, and prints checks/s and latency percentiles. It never
// sends a request anywhere but 127.0.0.1.
//
//	go run ./web/internal/loadgen -n 30000 -c 16 -articles 100000 -index /tmp/pf-load
//
// -cpuprofile and -memprofile profile the measured run; -gogc sets the
// collector's target as preflight serve does (300).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules"
	"github.com/preflight-dev/preflight/web"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 30000, "requests to send in all")
	conc := flag.Int("c", 16, "concurrent clients")
	maxTime := flag.Duration("t", 60*time.Second, "stop after this long even if -n is not reached")
	articles := flag.Int("articles", 100000, "synthetic articles in the news index (0: no news index)")
	indexDir := flag.String("index", "", "folder for the news index (reused when it already holds the articles; default a temporary folder)")
	warm := flag.Int("warm", 500, "warm-up requests, not measured")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured run to this file")
	gcPercent := flag.Int("gogc", 300, "the collector's target, as preflight serve sets it (GOGC, when set, wins)")
	memProfile := flag.String("memprofile", "", "write a profile of what the measured run allocated to this file")
	flag.Parse()

	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(*gcPercent)
	}
	var idx *news.Index
	if *articles > 0 {
		dir := *indexDir
		if dir == "" {
			d, err := os.MkdirTemp("", "preflight-load-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(d)
			dir = d
		}
		var err error
		if idx, err = openIndex(dir, *articles); err != nil {
			return err
		}
		defer idx.Close()
	}
	rs, err := rules.All(rules.Options{})
	if err != nil {
		return err
	}
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		return err
	}
	cfg := checker.Config{Rules: rs, Calendar: cal}
	deps := web.Deps{Calendar: cal, Options: web.Options{RateLimit: -1}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if idx != nil {
		cfg.News, deps.News = idx, idx
	}
	if deps.Engine, err = checker.New(cfg); err != nil {
		return err
	}
	srv, err := web.New(deps)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	defer func() { stop(); <-served }()

	bodies := posts(2000)
	client := &fasthttp.HostClient{Addr: ln.Addr().String(), MaxConns: *conc * 2, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	var verdicts [3]atomic.Int64 // pass, review, block
	var skipped atomic.Int64
	send := func(body []byte) (time.Duration, error) {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(resp)
		req.SetRequestURI("http://" + ln.Addr().String() + "/v1/check")
		req.Header.SetMethod("POST")
		req.Header.SetContentType("application/json")
		req.SetBody(body)
		start := time.Now()
		err := client.Do(req, resp)
		d := time.Since(start)
		if err == nil && resp.StatusCode() != 200 {
			err = fmt.Errorf("status %d: %.200s", resp.StatusCode(), resp.Body())
		}
		if err == nil {
			b := resp.Body()
			for i, v := range []string{`"verdict":"pass"`, `"verdict":"review"`, `"verdict":"block"`} {
				if bytes.Contains(b, []byte(v)) {
					verdicts[i].Add(1)
				}
			}
			if bytes.Contains(b, []byte(`"skipped"`)) {
				skipped.Add(1)
			}
		}
		return d, err
	}
	for i := 0; i < *warm; i++ {
		if _, err := send(bodies[i%len(bodies)]); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		// The profile's counts are cumulative: one is taken before the
		// run too, for pprof's -diff_base.
		runtime.MemProfileRate = 64 << 10
		runtime.GC()
		before := pprof.Lookup("allocs")
		var base bytes.Buffer
		if err := before.WriteTo(&base, 0); err != nil {
			return err
		}
		defer func() {
			runtime.GC()
			if err := writeMemProfile(*memProfile, base.Bytes()); err != nil {
				fmt.Fprintln(os.Stderr, "loadgen: memprofile:", err)
			}
		}()
	}
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	var next, errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, *conc)
	deadline := time.Now().Add(*maxTime)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(*n) || time.Now().After(deadline) {
					return
				}
				d, err := send(bodies[int(i)%len(bodies)])
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lat[w] = append(lat[w], d)
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	var ms1 runtime.MemStats
	runtime.ReadMemStats(&ms1)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return errors.New("no request succeeded")
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	fmt.Printf("articles %d, clients %d, GOMAXPROCS %d, GOGC %d\n", *articles, *conc, runtimeProcs(), debug.SetGCPercent(debug.SetGCPercent(-1)))
	fmt.Printf("checks %d in %.2fs: %.0f checks/s; latency p50 %s p90 %s p99 %s max %s; errors %d\n",
		len(all), elapsed.Seconds(), float64(len(all))/elapsed.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		all[len(all)-1].Round(10*time.Microsecond), errs.Load())
	fmt.Printf("verdicts (warm-up included): pass %d, review %d, block %d; reports with skipped rules %d\n",
		verdicts[0].Load(), verdicts[1].Load(), verdicts[2].Load(), skipped.Load())
	fmt.Printf("process CPU %.2fs (server and client together): %.0f µs per check, %.0f checks per CPU-second\n",
		cpu.Seconds(), float64(cpu.Microseconds())/float64(len(all)), float64(len(all))/cpu.Seconds())
	fmt.Printf("allocated %.0f KB per check (server and client), %d collections, %.0f ms of pauses\n",
		float64(ms1.TotalAlloc-ms0.TotalAlloc)/1024/float64(len(all)), ms1.NumGC-ms0.NumGC,
		float64(ms1.PauseTotalNs-ms0.PauseTotalNs)/1e6)
	if e := firstErr.Load(); e != nil {
		fmt.Println("first error:", e)
	}
	if errs.Load() > 0 {
		return fmt.Errorf("%d requests failed", errs.Load())
	}
	return nil
}

// openIndex opens the index in dir, filling it with n synthetic articles
// unless it already holds them.
func openIndex(dir string, n int) (*news.Index, error) {
	idx, err := news.Open(dir, news.Options{Retention: -1})
	if err != nil {
		return nil, err
	}
	have, err := idx.Count()
	if err != nil {
		idx.Close()
		return nil, err
	}
	if int(have) >= n {
		fmt.Fprintf(os.Stderr, "news index %s: %d articles\n", dir, have)
		return idx, nil
	}
	start := time.Now()
	st, err := idx.Add(context.Background(), synthetic(n-int(have), int64(have)))
	if err != nil {
		idx.Close()
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "news index %s: added %d articles in %s\n", dir, st.Added, time.Since(start).Round(time.Second))
	return idx, nil
}

// synStart is when the synthetic year of news begins; checked posts are
// scheduled inside it so every check queries a populated window.
var synStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	places = []string{"Houston", "Orlando", "Bangkok", "Christchurch", "Bergen", "Lyon", "Osaka", "Leeds", "Denver", "Porto",
		"Nairobi", "Lima", "Perth", "Tampa", "Dublin", "Oslo", "Toronto", "Seville", "Hanoi", "Boston"}
	orgs   = []string{"Acme Foods", "Northwind Air", "Globex", "Initech", "Umbrella Pharma", "Stark Motors", "Hooli"}
	things = []string{"library", "stadium", "bridge", "market", "school", "festival", "park", "museum", "harbour", "airport"}
)

// synthetic makes n articles over a year, about one in twenty crisis news.
func synthetic(n int, seed int64) []checker.Article {
	r := rand.New(rand.NewSource(seed))
	step := 365 * 24 * time.Hour / time.Duration(max(n, 1))
	out := make([]checker.Article, n)
	for i := range out {
		place, org, thing := places[r.Intn(len(places))], orgs[r.Intn(len(orgs))], things[r.Intn(len(things))]
		var title string
		switch k := r.Intn(100); {
		case k < 1:
			title = fmt.Sprintf("Gunman kills %d at %s in %s", 3+r.Intn(40), thing, place)
		case k < 2:
			title = fmt.Sprintf("Flooding swamps %s; thousands evacuated", place)
		case k < 5:
			title = fmt.Sprintf("%s fined over %s safety failures", org, thing)
		case k < 50:
			title = fmt.Sprintf("%s council approves new %s plan", place, thing)
		default:
			title = fmt.Sprintf("%s reports higher quarterly sales in %s", org, place)
		}
		id := fmt.Sprintf("syn-%d-%d", seed, i)
		out[i] = checker.Article{ID: id, URL: "https://news.example/" + id, Title: title, Source: "Synthetic",
			Summary: "A synthetic article for load tests.", Published: synStart.Add(time.Duration(i) * step), Language: "en"}
	}
	return out
}

// posts makes n request bodies: typical drafts of every kind, scheduled
// across the synthetic year.
func posts(n int) [][]byte {
	r := rand.New(rand.NewSource(7))
	drafts := []string{
		"Our %s sale starts today: 20%% off everything in %s! 🎉 Shop now https://shop.example/sale #BlackFriday",
		"Sending love to everyone in %s this week. Our %s team is here if you need us.",
		"Join us at the %s in %s tomorrow for free coffee and good company ☕",
		"What the hell, this %s deal in %s is fire 🔥🔥 #deals",
		"Sorry about your order! Please DM us your order number and we'll sort it out at the %s in %s.",
		"New arrivals just dropped for the %s season. Tag a friend in %s who needs these!",
	}
	out := make([][]byte, n)
	for i := range out {
		d := drafts[r.Intn(len(drafts))]
		text := fmt.Sprintf(d, things[r.Intn(len(things))], places[r.Intn(len(places))])
		if r.Intn(3) == 0 {
			text = fmt.Sprintf(d, orgs[r.Intn(len(orgs))], places[r.Intn(len(places))])
		}
		p := map[string]any{"id": fmt.Sprint(i), "text": text, "regions": []string{"US", "GB", "NO"}[:1+r.Intn(3)],
			"platform":     []string{"x", "linkedin", "instagram", "bluesky"}[r.Intn(4)],
			"scheduled_at": synStart.Add(time.Duration(r.Int63n(int64(360 * 24 * time.Hour)))).Format(time.RFC3339)}
		if r.Intn(4) == 0 {
			p["kind"] = "reply"
			p["brand"] = "Acme Foods"
		}
		out[i], _ = json.Marshal(p)
	}
	return out
}

// writeMemProfile writes the allocation profile to name and the one taken
// before the measured run to name+".base": `go tool pprof -diff_base
// name.base name` shows what the run allocated.
func writeMemProfile(name string, base []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.WriteFile(name+".base", base, 0o644)
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// cpuTime is the CPU time this process has used (user + system): on a
// shared machine it shows the cost of a check apart from the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
