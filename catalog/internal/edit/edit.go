// Package edit measures how far apart two short strings are, for the
// places that forgive a slip in a code or a name (the decoder's field
// names, search's codes).
package edit

// Distance is the Levenshtein distance of a and b, over bytes, or limit+1
// once it is known to exceed limit. Strings of 64 bytes or more are taken
// to be further apart than any limit: codes and names are shorter.
func Distance(a, b string, limit int) int {
	var rows [2][64]int
	if len(b) >= len(rows[0]) {
		return limit + 1
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}
