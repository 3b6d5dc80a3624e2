package ruletest

import (
	"bytes"
	"strings"
)

// Archive is a txtar file: a comment and named sections. The format is
// go/tools' txtar: a line "-- NAME --" starts a section that runs to the
// next such line.
type Archive struct {
	Comment []byte
	Files   []File
}

// File is one section of an archive; Line is the 1-based line of its
// marker, for error messages.
type File struct {
	Name string
	Data []byte
	Line int
}

// Parse reads an archive. It never fails: text before the first marker is
// the comment, and every marker line starts a section.
func Parse(src []byte) *Archive {
	a := &Archive{}
	cur := &a.Comment
	line := 0
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i+1], src[i+1:]
		} else {
			src = nil
		}
		line++
		if name, ok := marker(l); ok {
			a.Files = append(a.Files, File{Name: name, Line: line})
			cur = &a.Files[len(a.Files)-1].Data
			continue
		}
		*cur = append(*cur, l...)
	}
	return a
}

// marker reports whether l is a section marker and returns its name.
func marker(l []byte) (string, bool) {
	s := strings.TrimRight(string(l), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 6 {
		return "", false
	}
	name := strings.TrimSpace(s[3 : len(s)-3])
	return name, name != ""
}

// Format writes the archive back; every section's data ends with a newline
// unless it is empty.
func (a *Archive) Format() []byte {
	var b bytes.Buffer
	b.Write(fixNL(a.Comment))
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(fixNL(f.Data))
	}
	return b.Bytes()
}

func fixNL(d []byte) []byte {
	if len(d) == 0 || d[len(d)-1] == '\n' {
		return d
	}
	return append(d, '\n')
}
