package serve

import "testing"

// Every file Hugo reads its configuration from rebuilds everything.
func TestConfigFilesRebuildEverything(t *testing.T) {
	for _, rel := range []string{"config.toml", "hugo.toml", "hugo.yaml", "config/_default/params.toml", "config/_default/menus.toml", "config/_default"} {
		if k, ok := classify(rel); !ok || k != KindConfig {
			t.Errorf("classify(%q) = %v, %v; want cấu hình", rel, k, ok)
		}
	}
	if !watchedTop("config") {
		t.Error("config/ is not watched")
	}
	if _, ok := classify("config/_default/.params.toml.swp"); ok {
		t.Error("an editor's swap file counts")
	}
}
