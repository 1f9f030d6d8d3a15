package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "loa", Version: "(devel)"}}
		for i := 0; i+1 < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	tests := []struct {
		name    string
		stamped string
		info    *debug.BuildInfo
		want    []string
		wantNot []string
	}{
		{"bản phát hành từ cây sạch", "1.2.0", vcs("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "false"),
			[]string{"loa 1.2.0 (commit 0123456789ab, 2026-01-02T03:04:05Z)"}, []string{"uncommitted", "0123456789abc"}},
		{"go build trên cây có sửa đổi", "", vcs("vcs.revision", "abc", "vcs.modified", "true"),
			[]string{"loa dev (commit abc", "uncommitted changes"}, nil},
		{"go run: không có commit", "", vcs(), []string{"loa dev (no commit recorded"}, nil},
		{"không đọc được thông tin dựng", "", nil, []string{"loa dev (no commit recorded"}, nil},
		{"go install loa@v0.3.0", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, []string{"loa v0.3.0 "}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionLine(tt.stamped, tt.info)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("%q has %q", got, w)
				}
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		r := run(t, args...)
		if r.code != ExitOK || !strings.HasPrefix(r.stdout, "loa dev (") {
			t.Errorf("loa %v: exit %d, %q", args, r.code, r.stdout)
		}
	}
}
