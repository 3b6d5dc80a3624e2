// Package news is Preflight's news index: a Bleve index of current (or
// archived) news articles, what ingestion derives from each article (crisis
// class, severity, named places, organisations and people, hashtags, and
// the regions it concerns, through an embedded gazetteer), the readers for
// JSONL, RSS, Atom and JSON Feed files, and a poller for live feeds.
//
// It implements checker.News for the news rules: every query is judged as
// of the post's scheduled time, and an article published after that time
// is never returned, so a backtest over an archive cannot see the future.
// Bleve stays inside this package; cmd/preflight wires it to the engine.
package news
