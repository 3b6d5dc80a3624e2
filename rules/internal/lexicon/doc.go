// Package lexicon is the word-list matcher shared by the rules/content and
// rules/reply categories: terms from embedded YAML data files (extended or
// trimmed by preflight.yaml) matched against a text.Doc's tokens by their
// normalised form, with spans on the text the user wrote.
//
// The categories differ only in settings: which punctuation may sit inside
// a phrase (Settings.Commas) and how close a cue must be to a weak term
// (CuedSettings.Near). Keep those differences here as settings rather than
// forking the matcher.
package lexicon
