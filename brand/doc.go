// Package brand knows who is speaking: the profiles of the brands a team
// publishes for (the "brands" section of preflight.yaml), the variants of
// their names nobody should have to configure (the initials of a
// multi-word name, the run-together form, the possessive, a handle without
// "@"), where those names occur in a post, a hashtag or a headline, what a
// tag invites the public to do, and the brand's standing in the news as of
// the scheduled time: trouble now, and how much negative news it had over
// the past year.
//
// It sits between the domain and the rules: it implements
// checker.BrandBook for the engine, and the rules read it the way they
// read the segment package. It imports only checker, text and segment.
package brand
