package web

import (
	"runtime"
	"time"
)

// Options is the "service:" section of preflight.yaml. The zero value means
// the documented defaults; negative limits switch a limit off.
type Options struct {
	// APIKeys are the keys accepted by the JSON API and the form
	// (Authorization: Bearer KEY, X-API-Key: KEY, or HTTP Basic with the
	// key as password). With no keys the service answers loopback clients
	// only.
	APIKeys []string `yaml:"api_keys"`
	// AllowedHosts are the host names (Host header) the service answers to
	// besides its listen address and, on loopback, localhost: "*" for any,
	// ".example.com" for a domain's subdomains. A name not allowed gets
	// 421, which stops DNS-rebinding pages. With API keys and no
	// AllowedHosts any name is answered.
	AllowedHosts []string `yaml:"allowed_hosts"`
	// HookSecrets are the Standard Webhooks signing secrets
	// ("whsec_<base64>") of POST /v1/hooks/prepublish; several are accepted
	// while a secret is rotated. PREFLIGHT_HOOK_SECRET (comma-separated)
	// adds to them. Without a secret the hook refuses every call.
	HookSecrets []string `yaml:"hook_secrets"`
	// HoldOnReview makes the hook answer "hold" for review verdicts too;
	// by default only block holds.
	HoldOnReview bool `yaml:"hold_on_review"`
	// HookTolerance is how far a webhook-timestamp may be from the clock
	// (default 5m).
	HookTolerance time.Duration `yaml:"hook_tolerance"`

	// BodyLimit bounds a single-post request body in bytes (default 256 KiB).
	BodyLimit int `yaml:"body_limit"`
	// BatchBodyLimit bounds batch and upload bodies (default 16 MiB).
	BatchBodyLimit int `yaml:"batch_body_limit"`
	// BatchMaxPosts bounds the posts in one batch (default 10,000).
	BatchMaxPosts int `yaml:"batch_max_posts"`
	// BatchConcurrency bounds the batches (API and batch page) one client
	// (API key, or IP without keys) may run at once (default 2);
	// BatchConcurrencyTotal bounds them for the whole service (default 8).
	// Together with the body and post limits they bound a batch's memory.
	BatchConcurrency      int `yaml:"batch_concurrency"`
	BatchConcurrencyTotal int `yaml:"batch_concurrency_total"`

	// ReadTimeout, WriteTimeout and IdleTimeout bound connections
	// (defaults 15s, 60s, 60s); CheckTimeout bounds one check (default 10s);
	// ShutdownTimeout bounds the wait for in-flight requests (default 20s).
	ReadTimeout  time.Duration `yaml:"read_timeout"`
	WriteTimeout time.Duration `yaml:"write_timeout"`
	IdleTimeout  time.Duration `yaml:"idle_timeout"`
	CheckTimeout time.Duration `yaml:"check_timeout"`
	// CheckConcurrency is how many checks run at once (default the
	// number of CPUs Go uses, GOMAXPROCS). Further checks wait their turn
	// in the order they arrived, so that under load every request waits
	// about as long as the others instead of some waiting many times
	// longer; the wait counts against CheckTimeout.
	CheckConcurrency int           `yaml:"check_concurrency"`
	ShutdownTimeout  time.Duration `yaml:"shutdown_timeout"`

	// RateLimit is the sustained requests per second allowed per API key
	// (per client IP without a key), default 20; a batch is charged one
	// request per post (a batch larger than the bucket is let in when the
	// bucket is full and the client then waits it off). RateBurst is the
	// bucket size, default 2×RateLimit. A negative RateLimit turns
	// limiting off.
	RateLimit float64 `yaml:"rate_limit"`
	RateBurst int     `yaml:"rate_burst"`

	// Timezone is the IANA zone the form assumes for its date/time field
	// when the browser does not say (default UTC).
	Timezone string `yaml:"timezone"`
	// NoPoll keeps `preflight serve` from polling news feeds in the
	// background (the --no-poll flag does the same).
	NoPoll bool `yaml:"no_poll"`
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.HookTolerance, 5*time.Minute)
	def(&o.ReadTimeout, 15*time.Second)
	def(&o.WriteTimeout, 60*time.Second)
	def(&o.IdleTimeout, 60*time.Second)
	def(&o.CheckTimeout, 10*time.Second)
	def(&o.ShutdownTimeout, 20*time.Second)
	if o.CheckConcurrency <= 0 {
		o.CheckConcurrency = runtime.GOMAXPROCS(0)
	}
	if o.BodyLimit == 0 {
		o.BodyLimit = 256 << 10
	}
	if o.BatchBodyLimit == 0 {
		o.BatchBodyLimit = 16 << 20
	}
	if o.BatchMaxPosts == 0 {
		o.BatchMaxPosts = 10000
	}
	if o.BatchConcurrency <= 0 {
		o.BatchConcurrency = 2
	}
	if o.BatchConcurrencyTotal <= 0 {
		o.BatchConcurrencyTotal = 8
	}
	if o.RateLimit == 0 {
		o.RateLimit = 20
	}
	if o.RateBurst <= 0 {
		o.RateBurst = max(1, int(2*o.RateLimit))
	}
	if o.Timezone == "" {
		o.Timezone = "UTC"
	}
	return o
}
