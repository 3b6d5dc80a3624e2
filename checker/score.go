package checker

// Severity weights for the score. The score is the sum of the weights of a
// post's findings, capped at 100: 0 means nothing was found, 100 means at
// least one critical finding or several serious ones.
var severityWeight = [...]int{SeverityLow: 5, SeverityMedium: 20, SeverityHigh: 40, SeverityCritical: 100}

// Score derives the score and verdict from findings:
//
//   - block: any critical finding, or a score of 100 from several serious
//     ones (three high findings, or high and medium findings adding up);
//   - review: any medium or high finding;
//   - pass: no findings, or only low ones (advice such as hashtag style).
func Score(fs []Finding) (int, Verdict) {
	score, worst := 0, Severity(0)
	for _, f := range fs {
		if f.Severity >= SeverityLow && f.Severity <= SeverityCritical {
			score += severityWeight[f.Severity]
		}
		worst = max(worst, f.Severity)
	}
	score = min(score, 100)
	switch {
	case worst >= SeverityCritical || score >= 100:
		return score, VerdictBlock
	case worst >= SeverityMedium:
		return score, VerdictReview
	}
	return score, VerdictPass
}
