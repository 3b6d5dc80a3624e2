// Package incidents is Preflight's library of precedents: documented real
// brand social-media incidents, each with the post as publicly reported, the
// news or day it collided with, the mechanism that made it go wrong, a
// public source, a control (the same post on a quiet day, which must pass)
// and, where it fits, a transfer (the same mechanism on another real event).
//
// The library is data (data/*.yaml, decoded strictly) and serves two
// purposes. Its regression test runs every case through the full engine as
// the CLI wires it, so a change to the judgement shows as a diff in the
// golden outcomes. Its Finder returns the documented incident most like a
// finding, so a report can cite a precedent a marketer recognises
// ("sympathy that turns into a product plug: Epicurious, the Boston
// Marathon bombing, 2013").
//
// The package depends only on checker (for its vocabulary: categories,
// crisis classes, platforms) and the YAML decoder; the engine wiring lives
// in its tests and, for precedents in reports, in cmd/preflight.
package incidents
