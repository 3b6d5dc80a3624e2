package news

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// permute puts at i the event that was at order[i], for every order.
func TestPermute(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 9; n++ {
		for round := 0; round < 20; round++ {
			evs := make([]checker.Event, n)
			for i := range evs {
				evs[i].ID = string(rune('a' + i))
			}
			order := r.Perm(n)
			want := make([]string, n)
			for i, k := range order {
				want[i] = evs[k].ID
			}
			got := permute(evs, slices.Clone(order))
			for i := range got {
				if got[i].ID != want[i] {
					t.Fatalf("order %v: got %v at %d, want %v", order, got[i].ID, i, want[i])
				}
			}
		}
	}
}
