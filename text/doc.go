// Package text is Preflight's text understanding, shared by every rule. It
// is a leaf: it imports nothing from this module.
//
// # Flow
//
// Analyse(raw, language) reads a post once and returns a Doc that rules
// share:
//
//  1. Normalisation, stage 1, over the whole text (normalise.go): zero-width
//     characters, bidi controls and variation selectors are dropped, each
//     character with its combining marks is put in NFKC (full-width and
//     mathematical letters fold here), typographic apostrophes become "'";
//     every folded code point remembers which original code point it came
//     from.
//  2. Entities (entities.go): hashtags, mentions and lists, cashtags and
//     URLs exactly as twitter-text 3 extracts them, with code-point spans.
//     The official conformance files pass in full (extract.yml and the
//     hashtag, username, list and cashtag cases of autolink.yml).
//  3. Tokens (tokenise.go): words, numbers and emoji between the entities.
//     Masks, leetspeak and spelled-out words stay one token ("f**k",
//     "sh1t", "$hit", "a$$", "f.u.c.k", "b!tch"); "Scunthorpe" and
//     "cocktail" are single tokens, so rules that match whole tokens have
//     no Scunthorpe problem. Stage 2 of the normaliser gives each token its
//     Norm: look-alike letters to ASCII (from Unicode's confusables), lower
//     case, leetspeak read inside words only (not "24%", "2for1",
//     "covid19"), masks read through a short list of commonly masked words;
//     Token.Obfuscated says that was needed. Diacritics stay: æ, ø, å are
//     Norwegian letters.
//  4. Language (language.go, langmodel.go): the caller's BCP 47 tag,
//     normalised (nb, nn, no-NO → "no"; en-US → "en"), or, when the tag is
//     empty, the detector's answer: a naive Bayes model of letter trigrams
//     and words (data/langmodel.tsv, generated from the UDHR, stop-word
//     lists and everyday post words) for English, Norwegian (Bokmål and
//     Nynorsk), Swedish, Danish, German, French, Spanish, Portuguese,
//     Italian, Dutch, Polish, Finnish and Turkish. A text too short or too
//     close between languages (Danish and Norwegian) stays undecided ("")
//     with its candidates in Doc.Candidates rather than being guessed. A
//     text mostly in another script gets its language by script
//     (script.go): kana → Japanese, Han alone → Chinese, Hangul → Korean,
//     Cyrillic → Russian (Ukrainian by its letters), Arabic script →
//     Arabic (Persian, Urdu by theirs), Devanagari → Hindi, Thai → Thai.
//  5. Signals (signals.go): one tone vocabulary (data/vocabulary.yaml)
//     read in one pass. Doc.Signals are the strong readings: promotional,
//     light-hearted, call for engagement, condolence, charity and a
//     first-person voice, plus discounts written with numbers ("30% off",
//     "-20%") and links to shops. Doc.Cues are the broad readings (the
//     signals plus weaker cue phrases, percentages and a pivot to content)
//     for rules that already have another reason to look. Every reading
//     lists its spans, so a finding can point at the words.
//
// Every span is a half-open range of code points in the text the user
// wrote, never in the normalised text.
//
// # Disguises
//
// Doc.Readings (normalise_evasion.go) gives other readings of a post for
// rules that must see through disguises the Norm leaves alone, because
// reading them everywhere would make ordinary words ambiguous: stretched
// letters ("fuuuuck", "ffuck"), diacritics ("fück"), leetspeak of
// several characters ("$h17", "phuck", "fu(k", "@ss") and words spelled
// out letter by letter ("f u c k"). Each reading is a Doc a Lexicon
// matches as usual, with spans on the original text.
//
// # Other tools
//
// Lexicon is the one phrase matcher every rule uses: phrases by their
// normalised form, with prefix words ("sale*"), Snowball stems ("~party",
// Bleve's English and Norwegian stemmers), numbers, masked tokens,
// optional apostrophes, compounds, case-sensitive names, a language per
// entry, phrases written as one hashtag or mention, and a choice of
// separators. A word in Japanese, Chinese or Thai is found inside a run
// of letters, in Korean and Hindi before a particle or ending
// (data/endings.yaml), in Russian and Arabic by its stem
// (lexicon_script.go). Normalise and NormaliseMap give the matching form of any
// string, with offsets back. Doc.Words, Doc.Sentences and Doc.Names
// (capitalised names and hashtag bodies) help rules read the text. ParseTweet and WeightedLength count a
// post as X does (twitter-text v3), Graphemes as Bluesky does.
//
// # Data
//
// Embedded data and generated tables keep their source and licence beside
// them: see data/README.md. The generators live in internal/gen.
package text
