// Package postio reads drafts from the files people keep their content
// calendars in — JSON Lines, JSON, the bulk-upload CSV formats of
// Hootsuite, Buffer and Sprout Social, or plain text — and reports every
// record it cannot use with its line number and the field at fault, without
// losing the records around it. The CLI and the web batch page share it.
package postio
