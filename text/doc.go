// Package text is Preflight's text understanding, shared by every rule: a
// normaliser that folds look-alike, full-width, masked and leetspeak forms
// for matching while keeping offsets back to the text the user wrote;
// tokens with code-point spans; hashtags, mentions, cashtags and URLs
// extracted as twitter-text does; language detection (English, Norwegian);
// the post-level signals rules reuse (promotional, light-hearted, call for
// engagement); phrase lexicons; and platform length counting.
//
// It is a leaf: it imports nothing from this module.
package text
