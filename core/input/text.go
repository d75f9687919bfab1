package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Read reads a report from a file's bytes. name is the file's name (its
// extension helps tell .md and .html apart from plain text; the content
// decides everything else, so a misnamed file is still read right).
func Read(name string, raw []byte, env Env) (*Doc, *Error) {
	return ReadAs(name, "", raw, env)
}

// ReadAs is Read with the kind declared by the caller (a Content-Type):
// HTML, Markdown or Text are taken as declared; the signatures of PDF,
// zip and legacy Office files still win, since a wrong label is common.
func ReadAs(name string, kind Kind, raw []byte, env Env) (*Doc, *Error) {
	if len(raw) > MaxBytes {
		// Callers stop reading at MaxBytes+1, so the size is only known to
		// be over the limit.
		return nil, tooLarge("")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, emptyError()
	}
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case isPDF(raw):
		return readPDF(raw, env)
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return readZip(raw, ext)
	case bytes.HasPrefix(raw, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return nil, &Error{Code: "unsupported", Message: "这是旧版 Word/WPS 文档（.doc/.wps），不能直接读取。请用 Word/WPS 打开后“另存为”.docx 再检查，或全选复制正文粘贴检查。"}
	case bytes.HasPrefix(raw, []byte("{\\rtf")):
		return nil, &Error{Code: "unsupported", Message: "这是 RTF 文档，不能直接读取。请用 Word/WPS 打开后“另存为”.docx 再检查。"}
	case kind == HTML, kind == "" && (ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml"),
		kind != Markdown && sniffHTML(raw): // a saved page under another name is still a page
		return readHTML(raw, env)
	}
	text, enc, err := DecodeText(raw, env)
	if err != nil {
		return nil, err
	}
	if kind != Markdown {
		kind = Text
		if ext == ".md" || ext == ".markdown" {
			kind = Markdown
		}
	}
	return &Doc{Kind: kind, Encoding: enc, Text: text}, nil
}

func emptyError() *Error {
	return &Error{Code: "empty", Message: "输入为空：没有可检查的文字。"}
}

// isPDF: "%PDF-" within the first KB (PDF readers allow junk before it).
func isPDF(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// DecodeText reads raw as plain text: UTF-8 (with or without a byte-order
// mark), UTF-16 (with a mark, or recognised by the zero bytes of ASCII) or
// GB18030/GBK (when Env can decode it). It returns the text and the name
// of the encoding read. Bytes that are no text get an error saying what
// they look like.
func DecodeText(raw []byte, env Env) (text, encoding string, err *Error) {
	if len(raw) > MaxBytes {
		return "", "", tooLarge("")
	}
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		return decodeUTF16(raw[2:], false)
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return decodeUTF16(raw[2:], true)
	default:
		switch utf16Kind(raw) {
		case "utf-16le":
			return decodeUTF16(raw, false)
		case "utf-16be":
			return decodeUTF16(raw, true)
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", "", emptyError()
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 || looksBinary(raw) {
		line := 0
		if i >= 0 {
			line = 1 + bytes.Count(raw[:i], []byte("\n"))
		}
		return "", "", &Error{Code: "binary", Line: line, Message: binaryMessage(raw, line)}
	}
	if validUTF8(raw) {
		return string(raw), "utf-8", nil
	}
	off := firstInvalid(raw)
	line := 1 + bytes.Count(raw[:off], []byte("\n"))
	if looksGB(raw) {
		if env.Decode == nil {
			return "", "", &Error{Code: "encoding", Line: line, Message: fmt.Sprintf("第 %d 行（第 %d 字节）起不是 UTF-8 文字，看起来是 GBK/GB18030（国标码），此处不能转换。请“另存为”UTF-8 编码后再检查。", line, off+1)}
		}
		s, derr := env.Decode("gb18030", raw)
		if derr == nil && utf8.ValidString(s) && !looksBinary([]byte(s)) {
			return s, "gb18030", nil
		}
	}
	return "", "", &Error{Code: "encoding", Line: line, Message: fmt.Sprintf("第 %d 行（第 %d 字节）起既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16 文字，无法识别其编码。请用记事本或 WPS“另存为”UTF-8 编码后再检查。", line, off+1)}
}

// decodeUTF16 decodes UTF-16 text; unpaired surrogates and an odd last
// byte are errors, not silent replacement characters.
func decodeUTF16(b []byte, big bool) (string, string, *Error) {
	name := "utf-16le"
	if big {
		name = "utf-16be"
	}
	if len(b)%2 == 1 {
		return "", "", &Error{Code: "encoding", Message: "文本看起来是 UTF-16 编码，但字节数为奇数（文件不完整）。请“另存为”UTF-8 编码后再检查。"}
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if big {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	line := 1
	for i, u := range units {
		switch {
		case u == '\n':
			line++
		case u >= 0xd800 && u < 0xdc00:
			if i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] < 0xe000 {
				continue
			}
			fallthrough
		case u >= 0xdc00 && u < 0xe000 && (i == 0 || units[i-1] < 0xd800 || units[i-1] >= 0xdc00):
			return "", "", &Error{Code: "encoding", Line: line, Message: fmt.Sprintf("第 %d 行有不成对的 UTF-16 代理字符，文件已损坏或不是 UTF-16 文本。请“另存为”UTF-8 编码后再检查。", line)}
		}
	}
	s := string(utf16.Decode(units))
	if len(strings.TrimSpace(s)) == 0 {
		return "", "", emptyError()
	}
	if strings.IndexByte(s, 0) >= 0 || looksBinary([]byte(s)) {
		return "", "", &Error{Code: "binary", Message: "输入看起来是 UTF-16 编码，但解码后含有大量控制字符，不是文本。请在 Word、WPS 或 PDF 阅读器中全选复制正文，粘贴为纯文本后再检查。"}
	}
	return s, name, nil
}

func binaryMessage(raw []byte, line int) string {
	kind := "二进制文件"
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		kind = "压缩包"
	case bytes.HasPrefix(raw, []byte("\x89PNG")), bytes.HasPrefix(raw, []byte("\xff\xd8\xff")), bytes.HasPrefix(raw, []byte("GIF8")):
		kind = "图片（需要先做文字识别）"
	}
	where := ""
	if line > 0 {
		where = fmt.Sprintf("（第 %d 行起不是文字）", line)
	}
	return "输入是" + kind + "，不是文本" + where + "。可以检查的文件：.txt、.md、.html、.docx、.pdf；也可以在 Word、WPS 或 PDF 阅读器中全选复制正文，粘贴后检查。"
}

// utf16Kind recognises UTF-16 without a byte-order mark, as old Windows
// tools save it ("Unicode" in 记事本 before 2019, exports of some office
// systems). ASCII characters (digits, newlines, spaces) leave a zero byte
// in every other position: in the odd positions for little-endian, the
// even ones for big-endian. Chinese characters leave few zeros, so the
// pattern is a cue, not a proof: the text it gives must also be text
// (Chinese, ASCII, punctuation), or the bytes are something else.
func utf16Kind(b []byte) string {
	n := min(len(b), 8192) &^ 1
	if n < 32 {
		return "" // too little to tell ("abc\x00def" is binary, not UTF-16)
	}
	if bytes.IndexByte(b[:n], 0) < 0 {
		return "" // no zero byte (every UTF-8 text): found without counting
	}
	var evenZero, oddZero int
	for i := 0; i < n; i++ {
		if b[i] == 0 {
			if i%2 == 0 {
				evenZero++
			} else {
				oddZero++
			}
		}
	}
	// Characters such as 开 (U+5F00) leave a zero on the other side: the
	// side with more zeros is tried first, and the text decides.
	switch {
	case oddZero == 0 && evenZero == 0:
		return ""
	case oddZero >= evenZero && utf16Texty(b[:n], false):
		return "utf-16le"
	case evenZero >= oddZero && utf16Texty(b[:n], true):
		return "utf-16be"
	}
	return ""
}

// utf16Texty: at least 95 % of the code units of b are characters a
// report is written in (ASCII text, Latin letters, CJK characters and
// punctuation, full-width forms, surrogates of rarer characters).
func utf16Texty(b []byte, big bool) bool {
	units, text := len(b)/2, 0
	for i := 0; i+1 < len(b); i += 2 {
		u := uint16(b[i+1])<<8 | uint16(b[i])
		if big {
			u = uint16(b[i])<<8 | uint16(b[i+1])
		}
		switch {
		case u == '\t' || u == '\n' || u == '\r' || u == '\f',
			u >= 0x20 && u < 0x7f, u >= 0xa0 && u < 0x250,
			u >= 0x2000 && u < 0x2070, u >= 0x2100 && u < 0x2700,
			u >= 0x2e80 && u < 0xa000, u >= 0xd800 && u < 0xe000,
			u >= 0xf900 && u < 0xfb00, u >= 0xfe30 && u < 0xfe50, u >= 0xff00 && u < 0xfff0:
			text++
		}
	}
	return text*100 >= units*95
}

// looksBinary: control characters other than tab, newline, carriage
// return and form feed (pdftotext's page break) in the first 8 KB.
func looksBinary(b []byte) bool {
	n := min(len(b), 8192)
	ctl, i := 0, 0
	for ; i+8 <= n; i += 8 {
		// Eight bytes at a time: this is not 0 whenever the word has a
		// byte below 0x20, so a word of text without one is passed at once.
		if x := binary.LittleEndian.Uint64(b[i:]); (x-0x2020202020202020)&^x&0x8080808080808080 == 0 {
			continue
		}
		for _, c := range b[i : i+8] {
			ctl += int(controlByte[c])
		}
	}
	for _, c := range b[i:n] {
		ctl += int(controlByte[c])
	}
	return ctl > 0 && ctl*100 > n // over 1 % control bytes
}

// controlByte is 1 for the control bytes looksBinary counts (below 0x20,
// other than tab, newline, carriage return and form feed), 0 for others.
var controlByte = func() (t [256]uint8) {
	for c := range 0x20 {
		if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			t[c] = 1
		}
	}
	return t
}()

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// looksGB: most non-ASCII bytes form GBK pairs (lead 0x81–0xFE, trail
// 0x40–0xFE except 0x7F) or GB18030 four-byte sequences.
func looksGB(b []byte) bool {
	pairs, bad := 0, 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c >= 0x81 && c <= 0xfe && i+1 < len(b) {
			t := b[i+1]
			if t >= 0x40 && t <= 0xfe && t != 0x7f {
				pairs++
				i++
				continue
			}
			if t >= 0x30 && t <= 0x39 && i+3 < len(b) && b[i+2] >= 0x81 && b[i+2] <= 0xfe && b[i+3] >= 0x30 && b[i+3] <= 0x39 {
				pairs++
				i += 3
				continue
			}
		}
		bad++
	}
	return pairs > 0 && bad*10 < pairs
}

// validUTF8 is utf8.Valid, faster on Chinese text: a run of characters of
// three bytes whose lead byte admits every continuation (E1–EC, EE, EF:
// the Chinese characters and full-width punctuation) is checked by bit
// patterns, four bytes read at a time; ASCII is passed eight bytes at a
// time; any other character is decoded as utf8.Valid would.
func validUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
				i += 8
				continue
			}
			i++
			continue
		}
		// Runs of three-byte characters, read four bytes at a time: a
		// lead byte 1110xxxx other than E0 and ED (which restrict the
		// second byte), then two bytes 10xxxxxx.
		for i+4 <= len(b) {
			x := binary.LittleEndian.Uint32(b[i:])
			if x&0xC0C0F0 != 0x8080E0 || x&0xFF == 0xE0 || x&0xFF == 0xED {
				break
			}
			i += 3
		}
		if i >= len(b) || b[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}
