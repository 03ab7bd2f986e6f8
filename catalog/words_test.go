package catalog

import (
	"slices"
	"testing"
)

func TestQueryWords(t *testing.T) {
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"okta invalid_grant", []string{"okta", "invalid_grant"}},
		{"登录失败AADSTS50011错误", []string{"登录失败", "AADSTS50011", "错误"}},
		{"错误：AADSTS50011。", []string{"错误", "AADSTS50011"}},
		{"エラーinvalid_grantです", []string{"エラー", "invalid_grant", "です"}},
		{"오류E0000011", []string{"오류", "E0000011"}},
		{"(AADSTS50011)", []string{"AADSTS50011"}},
		{"", nil},
	} {
		if got := QueryWords(c.query); !slices.Equal(got, c.want) {
			t.Errorf("QueryWords(%q) = %q, want %q", c.query, got, c.want)
		}
	}
}
