package text

// extractEntities finds hashtags, mentions, cashtags and URLs as
// twitter-text does, in text order, without overlaps.
func extractEntities(src []rune) []Entity { return nil }
