package check

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteText writes the findings for people, each with its place, level,
// message and hint in Vietnamese and its rule as [check] names it, then a
// line that counts them.
func WriteText(w io.Writer, fs []Finding, files int) {
	for _, f := range fs {
		msg, hint := f.MessageVi, f.HintVi
		if msg == "" {
			msg, hint = f.Message, f.Hint
		}
		tag := " [check:" + f.Rule + "]"
		if f.Rule == RuleBuild {
			tag = ""
		}
		fmt.Fprintf(w, "%s: %s: %s%s\n", f.Pos, f.Level, msg, tag)
		if hint != "" {
			fmt.Fprintf(w, "    gợi ý: %s\n", hint)
		}
	}
	fmt.Fprintln(w, Summary(fs, files))
}

// Summary counts the findings in one line, in Vietnamese and English.
func Summary(fs []Finding, files int) string {
	c := Counts(fs)
	if len(fs) == 0 {
		return fmt.Sprintf("loa check: %d tệp, không có lỗi hay cảnh báo nào (no findings in %d files).", files, files)
	}
	return fmt.Sprintf("loa check: %d tệp; %d lỗi, %d cảnh báo, %d ghi chú (%s, %s, %s).", files,
		c.Errors, c.Warnings, c.Infos, plural(c.Errors, "1 error", "errors"), plural(c.Warnings, "1 warning", "warnings"), plural(c.Infos, "1 note", "notes"))
}

// findingJSON is one finding of --format json. The fields and their order
// are stable: tools may read them.
type findingJSON struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Col       int    `json:"col"`
	Rule      string `json:"rule"`
	Level     string `json:"level"`
	Message   string `json:"message"`
	Hint      string `json:"hint"`
	MessageVi string `json:"messageVi"`
	HintVi    string `json:"hintVi"`
}

// WriteJSON writes the findings as a JSON array, [] when there are none.
func WriteJSON(w io.Writer, fs []Finding) error {
	out := make([]findingJSON, len(fs))
	for i, f := range fs {
		out[i] = findingJSON{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Rule, f.Level.String(), f.Message, f.Hint, f.MessageVi, f.HintVi}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
