package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strings"
	"time"
)

// reload is one live-reload message from a server.
type reload struct {
	pages  []string // the pages it names (Loa's do; Hugo's name none)
	errors []string // the build errors it reports (Loa's only)
}

// helloTimeout bounds the wait for an event stream's first message.
const helloTimeout = 10 * time.Second

// listenLoa follows Loa's Server-Sent Events as the page at the address
// page would, which the stream names as Loa's live-reload script does: Loa
// renders the open pages first after a change of layout. The stream opens
// with the current errors, which must be none.
func listenLoa(ctx context.Context, base, page string) (<-chan reload, error) {
	url := strings.TrimSuffix(base, "/") + "/__loa/events?page=" + neturl.QueryEscape(page)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("events %s: %s", url, resp.Status)
	}
	ch := make(chan reload, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		readSSE(resp.Body, func(data string) bool {
			var m struct {
				Pages  []string `json:"pages"`
				Errors []struct {
					Pos     string `json:"pos"`
					Message string `json:"message"`
				} `json:"errors"`
			}
			if json.Unmarshal([]byte(data), &m) != nil {
				return true
			}
			r := reload{pages: m.Pages}
			for _, e := range m.Errors {
				r.errors = append(r.errors, e.Pos+": "+e.Message)
			}
			select {
			case ch <- r:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	select {
	case r, ok := <-ch:
		if !ok {
			return nil, fmt.Errorf("events %s: the stream closed at once", url)
		}
		if len(r.errors) > 0 {
			return nil, fmt.Errorf("the site does not build: %s", strings.Join(r.errors, "; "))
		}
		return ch, nil
	case <-time.After(helloTimeout):
		return nil, fmt.Errorf("events %s: no first message within %v", url, helloTimeout)
	}
}

// readSSE calls emit with the data of each event until the stream ends or
// emit returns false.
func readSSE(r io.Reader, emit func(data string) bool) error {
	br := bufio.NewReader(r)
	var data []string
	for {
		line, err := br.ReadString('\n')
		if err != nil && line == "" {
			return err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" && len(data) > 0 {
			if !emit(strings.Join(data, "\n")) {
				return nil
			}
			data = nil
		} else if rest, ok := strings.CutPrefix(line, "data:"); ok {
			data = append(data, strings.TrimPrefix(rest, " "))
		}
		if err != nil {
			return err
		}
	}
}

// listenHugo follows Hugo's LiveReload websocket. Hugo answers the
// protocol's hello before anything else; its reloads name no page
// ("/x.js" forces a full reload).
func listenHugo(ctx context.Context, base, page string) (<-chan reload, error) {
	ws, err := dialWS(ctx, strings.TrimSuffix(base, "/")+"/livereload")
	if err != nil {
		return nil, err
	}
	hello := `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := writeFrame(ws.rw, opText, []byte(hello)); err != nil {
		ws.rw.Close()
		return nil, fmt.Errorf("livereload hello: %w", err)
	}
	ch := make(chan reload, 64)
	greeted := make(chan struct{})
	go func() {
		<-ctx.Done()
		ws.rw.Close()
	}()
	go func() {
		defer close(ch)
		defer ws.rw.Close()
		for {
			op, data, err := ws.next()
			if err != nil || op == opClose {
				return
			}
			if op == opPing {
				writeFrame(ws.rw, opPong, data)
				continue
			}
			var m struct{ Command string }
			if op != opText || json.Unmarshal(data, &m) != nil {
				continue
			}
			switch m.Command {
			case "hello":
				select {
				case <-greeted:
				default:
					close(greeted)
				}
			case "reload":
				select {
				case ch <- reload{}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	select {
	case <-greeted:
		return ch, nil
	case <-time.After(helloTimeout):
		return nil, fmt.Errorf("livereload: no hello within %v", helloTimeout)
	}
}

// The few pieces of RFC 6455 a LiveReload client needs.
const (
	opContinue = 0x0
	opText     = 0x1
	opClose    = 0x8
	opPing     = 0x9
	opPong     = 0xA
	maxMessage = 64 << 20
	wsGUID     = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
)

// wsConn is the client end of a websocket.
type wsConn struct {
	rw  io.ReadWriteCloser
	r   *bufio.Reader
	op  byte   // the opcode of the message being read in fragments
	buf []byte // its data so far
}

// dialWS opens a websocket with net/http, which hands over the connection
// after "101 Switching Protocols".
func dialWS(ctx context.Context, url string) (*wsConn, error) {
	var nonce [16]byte
	rand.Read(nonce[:])
	key := base64.StdEncoding.EncodeToString(nonce[:])
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("websocket: %w", err)
	}
	rw, ok := resp.Body.(io.ReadWriteCloser)
	if resp.StatusCode != http.StatusSwitchingProtocols || !ok {
		resp.Body.Close()
		return nil, fmt.Errorf("websocket %s: %s", url, resp.Status)
	}
	if got := resp.Header.Get("Sec-WebSocket-Accept"); got != acceptKey(key) {
		rw.Close()
		return nil, fmt.Errorf("websocket %s: wrong Sec-WebSocket-Accept %q", url, got)
	}
	return &wsConn{rw: rw, r: bufio.NewReader(rw)}, nil
}

func acceptKey(key string) string {
	sum := sha1.Sum([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// next reads one message, joining fragments; control frames come through
// as they arrive, even between fragments.
func (c *wsConn) next() (byte, []byte, error) {
	for {
		fin, op, data, err := readFrame(c.r)
		if err != nil {
			return 0, nil, err
		}
		if op >= opClose {
			return op, data, nil
		}
		if op != opContinue {
			c.op, c.buf = op, nil
		}
		c.buf = append(c.buf, data...)
		if len(c.buf) > maxMessage {
			return 0, nil, errors.New("websocket: message too long")
		}
		if fin {
			return c.op, c.buf, nil
		}
	}
}

func readFrame(r io.Reader) (fin bool, op byte, data []byte, err error) {
	var h [8]byte
	if _, err = io.ReadFull(r, h[:2]); err != nil {
		return
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0f
	masked := h[1]&0x80 != 0
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		if _, err = io.ReadFull(r, h[:2]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(h[:2]))
	case 127:
		if _, err = io.ReadFull(r, h[:8]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(h[:8])
	}
	if n > maxMessage {
		return false, 0, nil, errors.New("websocket: frame too long")
	}
	var mask [4]byte
	if masked {
		if _, err = io.ReadFull(r, mask[:]); err != nil {
			return
		}
	}
	data = make([]byte, n)
	if _, err = io.ReadFull(r, data); err != nil {
		return
	}
	if masked {
		for i := range data {
			data[i] ^= mask[i%4]
		}
	}
	return fin, op, data, nil
}

// writeFrame writes one whole message in a single frame, masked as a
// client must.
func writeFrame(w io.Writer, op byte, data []byte) error {
	frame := []byte{0x80 | op}
	switch n := len(data); {
	case n < 126:
		frame = append(frame, 0x80|byte(n))
	case n < 1<<16:
		frame = binary.BigEndian.AppendUint16(append(frame, 0x80|126), uint16(n))
	default:
		frame = binary.BigEndian.AppendUint64(append(frame, 0x80|127), uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	frame = append(frame, mask[:]...)
	for i, b := range data {
		frame = append(frame, b^mask[i%4])
	}
	_, err := w.Write(frame)
	return err
}
