package page

import (
	"net/url"
	"testing"
)

func TestOwnAddress(t *testing.T) {
	base, _ := url.Parse("https://vstbpn.halam.gov.vn/")
	sub, _ := url.Parse("https://halam.gov.vn/vstbpn/")
	tests := []struct {
		base *url.URL
		dest string
		want string
		ok   bool
	}{
		{base, "https://vstbpn.halam.gov.vn/van-ban/luat-binh-dang-gioi/", "/van-ban/luat-binh-dang-gioi/", true},
		{base, "http://WWW.vstbpn.halam.gov.vn/van-ban/luat", "/van-ban/luat", true},
		{base, "https://vstbpn.halam.gov.vn", "/", true},
		{base, "https://vstbpn.halam.gov.vn/tin-tuc/a/#ket-qua", "/tin-tuc/a/#ket-qua", true},
		{base, "https://vstbpn.halam.gov.vn/tim-kiem/?q=bao+luc", "", false},
		{base, "https://halam.gov.vn/van-ban/", "", false},
		{base, "/van-ban/", "", false},
		{sub, "https://halam.gov.vn/vstbpn/tin-tuc/", "/tin-tuc/", true},
		{sub, "https://halam.gov.vn/vstbpn", "/", true},
		{sub, "https://halam.gov.vn/khac/", "", false},
	}
	for _, tc := range tests {
		got, ok := ownAddress(tc.base, tc.dest)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ownAddress(%s, %q) = %q %v, want %q %v", tc.base, tc.dest, got, ok, tc.want, tc.ok)
		}
	}
}
