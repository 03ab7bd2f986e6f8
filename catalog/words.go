package catalog

import (
	"strings"
	"unicode"
)

// QueryWords splits what someone typed into the words a code may be: at
// spaces and the punctuation that surrounds codes in prose, and where a
// script written without spaces (Chinese, Japanese, Korean) meets Latin
// letters or digits, so that "登录失败AADSTS50011错误" holds AADSTS50011.
func QueryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`,;()[]{}<>"'=&?`+"`", r) || isFullWidthPunct(r)
	}) {
		out = appendScriptRuns(out, w)
	}
	return out
}

// appendScriptRuns appends w cut where it passes between a script written
// without spaces and any other character.
func appendScriptRuns(out []string, w string) []string {
	start, prev := 0, false
	for i, r := range w {
		cjk := IsUnspacedScript(r)
		if i > start && cjk != prev {
			out = append(out, w[start:i])
			start = i
		}
		prev = cjk
	}
	return append(out, w[start:])
}

// IsUnspacedScript tells whether r belongs to a script whose writers put no
// spaces between words, so a word of another script may touch it directly.
func IsUnspacedScript(r rune) bool {
	// The kana block also holds marks of no script of their own, such as
	// the long-vowel mark of "エラー".
	return r >= 0x3040 && r <= 0x30FF || r >= 0x2E80 && (unicode.Is(unicode.Han, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// isFullWidthPunct tells the punctuation of East Asian text ("：", "，",
// "。", "（"), which separates words as its ASCII counterpart does.
func isFullWidthPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF0F || r >= 0xFF1A && r <= 0xFF20 ||
		r >= 0xFF3B && r <= 0xFF40 || r >= 0xFF5B && r <= 0xFF65
}
