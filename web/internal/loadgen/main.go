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
// collector's target as preflight serve does (300). -split runs the
// service in a child process and reports its CPU apart from the load
// generator's, which shares the machine's cores (child.go).
package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	split := flag.Bool("split", false, "run the service in a child process, so its CPU is measured apart from the load generator's (-cpuprofile then profiles the service)")
	serveChild := flag.Bool("serve-child", false, "internal: serve for a -split parent, taking commands on stdin")
	flag.DurationVar(&spread, "spread", spread, "schedule the drafts within this long, ending 360 days into the synthetic news (default: all 360 days); a week (168h) is like a live service's queue, whose posts share their news windows")
	postsOut := flag.String("posts-out", "", "write the request bodies the clients send, one a line, to this file and exit (for wrk: scripts/service-pairs)")
	flag.Parse()
	if spread <= 0 || spread > 360*24*time.Hour {
		return fmt.Errorf("-spread %s: want more than 0 and at most 360 days (8640h)", spread)
	}

	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(*gcPercent)
	}
	if *serveChild {
		return serveForParent(*articles, *indexDir, *cpuProfile, os.Stdin, os.Stdout)
	}
	if *postsOut != "" {
		return writePosts(*postsOut, posts(postCount))
	}
	var child *childService
	var addr string
	if *split {
		if *memProfile != "" {
			return fmt.Errorf("-memprofile profiles this process: not with -split")
		}
		var err error
		if child, err = startChild(*articles, *indexDir, *gcPercent, *cpuProfile); err != nil {
			return err
		}
		defer child.close()
		addr = child.addr
	} else {
		svc, err := startService(*articles, *indexDir)
		if err != nil {
			return err
		}
		defer svc.close()
		addr = svc.addr
	}
	c := newClients(addr, *conc)
	if err := c.warm(*warm); err != nil {
		return err
	}

	if child != nil {
		if err := child.start(); err != nil {
			return err
		}
	} else if *cpuProfile != "" {
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
		var base bytes.Buffer
		if err := pprof.Lookup("allocs").WriteTo(&base, 0); err != nil {
			return err
		}
		defer func() {
			runtime.GC()
			if err := writeMemProfile(*memProfile, base.Bytes()); err != nil {
				fmt.Fprintln(os.Stderr, "loadgen: memprofile:", err)
			}
		}()
	}
	var srv0 serverUse
	if child != nil {
		var err error
		if srv0, err = child.use(); err != nil {
			return err
		}
	}
	res := c.drive(*n, time.Now().Add(*maxTime))
	var srv serverUse
	if child != nil {
		srv1, err := child.use()
		if err != nil {
			return err
		}
		if err := child.stop(); err != nil {
			return err
		}
		srv = srv1.since(srv0)
	}
	all := res.latencies
	if len(all) == 0 {
		return fmt.Errorf("no request succeeded (first error: %v)", res.firstErr)
	}
	fmt.Printf("articles %d, clients %d, GOMAXPROCS %d, GOGC %d\n", *articles, *conc, runtimeProcs(), gcPercentNow())
	fmt.Printf("checks %d in %.2fs: %.0f checks/s; latency p50 %s p90 %s p99 %s max %s; errors %d\n",
		len(all), res.elapsed.Seconds(), res.perSecond(),
		res.pct(0.50).Round(10*time.Microsecond), res.pct(0.90).Round(10*time.Microsecond), res.pct(0.99).Round(10*time.Microsecond),
		all[len(all)-1].Round(10*time.Microsecond), res.errors)
	fmt.Printf("verdicts (warm-up included): pass %d, review %d, block %d; reports with skipped rules %d\n",
		c.verdicts[0].Load(), c.verdicts[1].Load(), c.verdicts[2].Load(), c.skipped.Load())
	if child != nil {
		perCheck := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(len(all)) }
		fmt.Printf("server CPU %.2fs: %.0f µs per check, %.0f checks per CPU-second; load generator %.0f µs per check; together %.0f µs\n",
			srv.cpu.Seconds(), perCheck(srv.cpu), float64(len(all))/srv.cpu.Seconds(), perCheck(res.cpu), perCheck(srv.cpu+res.cpu))
		fmt.Printf("server allocated %.0f KB per check, %d collections\n", float64(srv.allocated)/1024/float64(len(all)), srv.collections)
	} else {
		fmt.Printf("process CPU %.2fs (server and client together): %.0f µs per check, %.0f checks per CPU-second\n",
			res.cpu.Seconds(), float64(res.cpu.Microseconds())/float64(len(all)), float64(len(all))/res.cpu.Seconds())
		fmt.Printf("allocated %.0f KB per check (server and client), %d collections, %.0f ms of pauses\n",
			float64(res.allocated)/1024/float64(len(all)), res.collections, res.pauses.Seconds()*1000)
	}
	if res.firstErr != nil {
		fmt.Println("first error:", res.firstErr)
	}
	if res.errors > 0 {
		return fmt.Errorf("%d requests failed", res.errors)
	}
	return nil
}

// service is Preflight's HTTP service running in this process on a
// loopback port: the built-in rules, the calendar and, with articles, a
// news index.
type service struct {
	addr  string
	close func()
}

// startService starts the service with an index of articles synthetic
// articles in dir (a temporary folder when dir is ""; no index when
// articles is 0).
func startService(articles int, dir string) (*service, error) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	var idx *news.Index
	if articles > 0 {
		if dir == "" {
			d, err := os.MkdirTemp("", "preflight-load-")
			if err != nil {
				return nil, err
			}
			closers = append(closers, func() { os.RemoveAll(d) })
			dir = d
		}
		var err error
		if idx, err = openIndex(dir, articles); err != nil {
			closeAll()
			return nil, err
		}
		closers = append(closers, func() { idx.Close() })
	}
	srv, err := newServer(idx)
	if err != nil {
		closeAll()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		closeAll()
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	closers = append(closers, func() { stop(); <-served })
	return &service{addr: ln.Addr().String(), close: closeAll}, nil
}

// newServer wires the service as preflight serve does, without the
// queue, the hook or rate limits.
func newServer(idx *news.Index) (*web.Server, error) {
	rs, err := rules.All(rules.Options{})
	if err != nil {
		return nil, err
	}
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		return nil, err
	}
	cfg := checker.Config{Rules: rs, Calendar: cal}
	deps := web.Deps{Calendar: cal, Options: web.Options{RateLimit: -1}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if idx != nil {
		cfg.News, deps.News = idx, idx
	}
	if deps.Engine, err = checker.New(cfg); err != nil {
		return nil, err
	}
	return web.New(deps)
}

// clients are conc keep-alive clients sending POST /v1/check with the
// drafts of posts, counting the verdicts they get back.
type clients struct {
	addr     string
	conc     int
	client   *fasthttp.HostClient
	bodies   [][]byte
	verdicts [3]atomic.Int64 // pass, review, block
	skipped  atomic.Int64
}

// postCount is how many different drafts the clients send, in turn.
const postCount = 2000

func newClients(addr string, conc int) *clients {
	return &clients{addr: addr, conc: conc, bodies: posts(postCount),
		client: &fasthttp.HostClient{Addr: addr, MaxConns: conc * 2, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}}
}

// send checks one post and returns how long the answer took.
func (c *clients) send(body []byte) (time.Duration, error) {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://" + c.addr + "/v1/check")
	req.Header.SetMethod("POST")
	req.Header.SetContentType("application/json")
	req.SetBody(body)
	start := time.Now()
	err := c.client.Do(req, resp)
	d := time.Since(start)
	if err == nil && resp.StatusCode() != 200 {
		err = fmt.Errorf("status %d: %.200s", resp.StatusCode(), resp.Body())
	}
	if err == nil {
		b := resp.Body()
		for i, v := range []string{`"verdict":"pass"`, `"verdict":"review"`, `"verdict":"block"`} {
			if bytes.Contains(b, []byte(v)) {
				c.verdicts[i].Add(1)
			}
		}
		if bytes.Contains(b, []byte(`"skipped"`)) {
			c.skipped.Add(1)
		}
	}
	return d, err
}

// warm sends n requests one at a time, not measured.
func (c *clients) warm(n int) error {
	for i := 0; i < n; i++ {
		if _, err := c.send(c.bodies[i%len(c.bodies)]); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
	return nil
}

// result is one measured run.
type result struct {
	latencies   []time.Duration // of the requests that succeeded, sorted
	elapsed     time.Duration
	cpu         time.Duration // this process's, server and clients
	allocated   uint64        // bytes, server and clients
	collections uint32
	pauses      time.Duration
	errors      int64
	firstErr    error
}

// pct is the latency at fraction p of the requests.
func (r *result) pct(p float64) time.Duration {
	return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
}

// perSecond is the throughput in checks a second.
func (r *result) perSecond() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

// drive sends n requests from the clients at once, stopping at deadline.
func (c *clients) drive(n int, deadline time.Time) result {
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	var next, errs atomic.Int64
	var firstErr atomic.Pointer[error]
	lat := make([][]time.Duration, c.conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c.conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || time.Now().After(deadline) {
					return
				}
				d, err := c.send(c.bodies[int(i)%len(c.bodies)])
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, &err)
					continue
				}
				lat[w] = append(lat[w], d)
			}
		}(w)
	}
	wg.Wait()
	res := result{elapsed: time.Since(start), cpu: cpuTime() - cpu0, errors: errs.Load()}
	runtime.ReadMemStats(&ms1)
	res.allocated, res.collections = ms1.TotalAlloc-ms0.TotalAlloc, ms1.NumGC-ms0.NumGC
	res.pauses = time.Duration(ms1.PauseTotalNs - ms0.PauseTotalNs)
	if e := firstErr.Load(); e != nil {
		res.firstErr = *e
	}
	for _, l := range lat {
		res.latencies = append(res.latencies, l...)
	}
	slices.Sort(res.latencies)
	return res
}

// progress hears how the news index was opened or built (the benchmark
// keeps its output to results).
var progress io.Writer = os.Stderr

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
		fmt.Fprintf(progress, "news index %s: %d articles\n", dir, have)
		return idx, nil
	}
	start := time.Now()
	st, err := idx.Add(context.Background(), synthetic(n-int(have), int64(have)))
	if err != nil {
		idx.Close()
		return nil, err
	}
	fmt.Fprintf(progress, "news index %s: added %d articles in %s\n", dir, st.Added, time.Since(start).Round(time.Second))
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

// spread is how long the drafts are scheduled within, ending 360 days into
// the synthetic news (-spread).
var spread = 360 * 24 * time.Hour

// posts makes n request bodies: typical drafts of every kind, scheduled
// across the synthetic year's first 360 days, or the last spread of them.
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
			"scheduled_at": synStart.Add(360*24*time.Hour - spread + time.Duration(r.Int63n(int64(spread)))).Format(time.RFC3339)}
		if r.Intn(4) == 0 {
			p["kind"] = "reply"
			p["brand"] = "Acme Foods"
		}
		out[i], _ = json.Marshal(p)
	}
	return out
}

// writePosts writes the request bodies to name, one a line (JSON has no
// raw newline).
func writePosts(name string, bodies [][]byte) error {
	var b bytes.Buffer
	for _, body := range bodies {
		b.Write(body)
		b.WriteByte('\n')
	}
	return os.WriteFile(name, b.Bytes(), 0o644)
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

// gcPercentNow is the collector's target in force.
func gcPercentNow() int {
	pct := debug.SetGCPercent(-1)
	debug.SetGCPercent(pct)
	return pct
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
