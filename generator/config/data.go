package config

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"loa/generator/diag"
	"loa/generator/vi"
)

// LoadData reads the data files of a data/ folder (TOML, JSON or YAML) into
// nested maps for layouts, as Hugo's .Site.Data: data/co-quan/lanh-dao.toml
// is .Site.Data.co-quan.lanh-dao (in a layout: index .Site.Data "co-quan").
// display is the folder's path for messages. A missing folder gives no data.
func LoadData(fsys fs.FS, dir, display string) (map[string]any, diag.List) {
	var diags diag.List
	data := map[string]any{}
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == dir {
				return fs.SkipDir
			}
			return err
		}
		ext := path.Ext(name)
		if d.IsDir() || strings.HasPrefix(path.Base(name), ".") || (ext != ".toml" && ext != ".json" && ext != ".yaml" && ext != ".yml") {
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		shown := path.Join(display, strings.TrimPrefix(name, dir+"/"))
		v, d2 := decodeData(shown, ext, vi.NFCBytes(src))
		diags.Append(d2)
		if v == nil {
			return nil
		}
		keys := strings.Split(strings.TrimSuffix(strings.TrimPrefix(name, dir+"/"), ext), "/")
		m := data
		for _, k := range keys[:len(keys)-1] {
			sub, ok := m[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[k] = sub
			}
			m = sub
		}
		m[keys[len(keys)-1]] = v
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: display}, "", "cannot read: %v", err)
	}
	return data, diags
}

func decodeData(file, ext string, src []byte) (any, diag.List) {
	var v any
	switch ext {
	case ".toml":
		m := map[string]any{}
		if _, err := toml.Decode(string(src), &m); err != nil {
			return nil, TOMLError(file, 0, src, err)
		}
		return m, nil
	case ".json":
		if err := json.Unmarshal(src, &v); err != nil {
			var diags diag.List
			pos := diag.Pos{File: file, Line: 1}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				// Offset counts the bytes read, the wrong one included.
				pos.Line, pos.Col = diag.LineCol(src, max(int(se.Offset)-1, 0))
			}
			diags.Errorf(pos, "check commas, quotes and brackets near this place", "invalid JSON: %v", err)
			return nil, diags
		}
		return v, nil
	}
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, YAMLError(file, 0, err)
	}
	return v, nil
}

// yamlLine reads the line number that yaml.v3 puts in the text of its syntax
// errors; the library offers no structured position for them.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)`)

// YAMLError turns a YAML decoding error into a diagnostic. lineOffset is
// the number of lines before the YAML text in file.
func YAMLError(file string, lineOffset int, err error) diag.List {
	var diags diag.List
	pos := diag.Pos{File: file, Line: lineOffset + 1}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		pos.Line = n + lineOffset
		msg = m[2]
	}
	diags.Errorf(pos, "check the indentation and the \"key: value\" form of this line", "invalid YAML: %s", msg).Vi(
		"kiểm tra thụt lề và dạng \"khoá: giá trị\" của dòng này", "lỗi cú pháp YAML: %s", msg)
	return diags
}
