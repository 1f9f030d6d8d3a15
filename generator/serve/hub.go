package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"loa/generator/diag"
)

// message is what a page hears after each rebuild.
type message struct {
	Pages  []string          `json:"pages,omitempty"`  // addresses of pages that changed
	Files  []string          `json:"files,omitempty"`  // addresses of other files that changed
	Styles map[string]string `json:"styles,omitempty"` // stylesheet address: old → new
	Errors []errorJSON       `json:"errors"`           // empty once the site builds again
	// Warnings are the build's and the proofreader's, for the panel: the
	// first panelWarnings of them, and their number. A message leaves them
	// out when they are those of the last message: a large site's findings
	// are thousands, and a save should not send them all again.
	Warnings      *[]errorJSON `json:"warnings,omitempty"`
	WarningsTotal int          `json:"warningsTotal,omitempty"`
}

// panelWarnings is how many findings the panel lists; it counts them all.
const panelWarnings = 100

// withWarnings sets the warnings of m.
func (m message) withWarnings(all diag.List) message {
	m.WarningsTotal = len(all)
	if len(all) > panelWarnings {
		all = all[:panelWarnings]
	}
	shown := toJSON(all)
	m.Warnings = &shown
	return m
}

type errorJSON struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// hub sends Server-Sent Events to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]string // → the address of the page, as its script gives it
	last    []byte                 // the state a page gets when it connects: the current errors and warnings
	shown   []byte                 // the warnings last sent, as JSON, with their number
	current message
	closed  bool
	done    chan struct{}
}

func newHub() *hub {
	return &hub{clients: map[chan []byte]string{}, last: mustJSON(message{}), done: make(chan struct{})}
}

func mustJSON(m message) []byte {
	if m.Errors == nil {
		m.Errors = []errorJSON{}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // only strings and maps of strings
	}
	return b
}

// broadcast sends m to every page, and remembers its errors for pages that
// connect later. A page that is too slow to take it misses it: its buffer
// holds the newest only.
func (h *hub) broadcast(m message) { h.broadcastTo(m, nil) }

// broadcastTo is broadcast to the pages whose address to accepts, or to
// every page when to is nil.
func (h *hub) broadcastTo(m message, to func(page string) bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m = h.remember(m)
	data := mustJSON(m)
	for c, page := range h.clients {
		if to != nil && !to(page) {
			continue
		}
		select {
		case c <- data:
		default:
			select { // drop the older message, keep the newer
			case <-c:
			default:
			}
			select {
			case c <- data:
			default:
			}
		}
	}
}

// update sends m, which changes no page (the proofreader's findings after
// a reload), to every page that is not still to take an earlier message: a
// page never misses a reload for it, and gets the findings with the next
// message or when it connects again.
func (h *hub) update(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m = h.remember(m)
	if m.Warnings == nil {
		return // nothing new to tell
	}
	data := mustJSON(m)
	for c := range h.clients {
		select {
		case c <- data:
		default:
		}
	}
}

// remember keeps m's errors and warnings for pages that connect later,
// and returns m without its warnings when they are those last sent.
func (h *hub) remember(m message) message {
	if m.Warnings != nil {
		shown := mustJSON(message{Warnings: m.Warnings, WarningsTotal: m.WarningsTotal})
		if string(shown) == string(h.shown) {
			m.Warnings, m.WarningsTotal = nil, 0
		} else {
			h.shown = shown
			h.current.Warnings, h.current.WarningsTotal = m.Warnings, m.WarningsTotal
		}
	}
	h.current.Errors = m.Errors
	h.last = mustJSON(h.current)
	return m
}

// pages are the addresses of the open pages, each once.
func (h *hub) pages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, page := range h.clients {
		if page != "" && !seen[page] {
			seen[page] = true
			out = append(out, page)
		}
	}
	return out
}

// count is the number of connected pages.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream, so that the HTTP server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

func (h *hub) serve(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan []byte, 1)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "đang tắt", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = r.URL.Query().Get("page")
	c <- h.last
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case data := <-c:
			if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
