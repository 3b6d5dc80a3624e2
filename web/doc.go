// Package web is Preflight's HTTP service: the JSON API (/v1/check, the
// streamed batch check, calendar and news look-ups), the scheduler hook that
// scheduling tools call right before they publish (authenticated with
// Standard Webhooks signatures), Prometheus metrics, an OpenAPI document, and
// the server-rendered web form and batch page marketers use.
//
// It is a driver in the sense of the checker package: it turns HTTP requests
// into checker.Post values, runs the checker.Engine, and turns reports and
// errors back into HTTP. Fiber never leaks out of this package; cmd/preflight
// builds a Server from Deps and calls Serve or Listen.
package web
