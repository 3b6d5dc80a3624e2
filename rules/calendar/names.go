package calendar

import (
	"sync"

	"github.com/preflight-dev/preflight/checker"
)

// nameCache keeps the compiled names of each (day, region) the rules have
// met, so a post costs a map read instead of compiling phrases.
type nameCache struct{ m sync.Map }

type nameKey struct{ id, region, name string }

func (c *nameCache) get(o checker.Observance) *phraseSet {
	k := nameKey{o.ID, o.Region, o.Name}
	if v, ok := c.m.Load(k); ok {
		return v.(*phraseSet)
	}
	ps := dayNames(o)
	v, _ := c.m.LoadOrStore(k, ps)
	return v.(*phraseSet)
}
