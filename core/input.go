package core

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxInputBytes is the largest report the checker accepts. Real reports
// are 6–40 KB; 10 MB leaves room for a batch pasted into one file while
// refusing a wrong file (a video, a database dump) before any work.
const MaxInputBytes = 10 << 20

// InputError says why a file cannot be checked at all. Its message is
// Chinese and names the place (byte offset, line) where it can.
type InputError struct {
	Code    string // stable: "empty", "too-large", "binary", "encoding"
	Message string
	Line    int // 1-based, 0 when the whole input is concerned
}

func (e *InputError) Error() string { return e.Message }

// Decode checks that raw bytes are a report we can read: not empty, not
// over MaxInputBytes, not binary, and UTF-8. It strips a UTF-8 byte-order
// mark and returns the text. The error tells which encoding the bytes
// look like, so a user knows to re-save the file as UTF-8.
func Decode(raw []byte) (string, *InputError) {
	if len(raw) > MaxInputBytes {
		// Readers stop at MaxInputBytes+1, so the size is only known to
		// be over the limit.
		return "", &InputError{Code: "too-large", Message: fmt.Sprintf("输入过大：超过上限 %d MB。请只提交一份年度报告的正文。", MaxInputBytes>>20)}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", &InputError{Code: "empty", Message: "输入为空：没有可检查的文字。"}
	}
	if enc := utf16Kind(raw); enc != "" {
		return "", &InputError{Code: "encoding", Message: "文本编码为 " + enc + "，不是 UTF-8。请用记事本或 WPS“另存为”UTF-8 编码后再检查。"}
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 || looksBinary(raw) {
		line := 0
		if i >= 0 {
			line = 1 + bytes.Count(raw[:i], []byte("\n"))
		}
		return "", &InputError{Code: "binary", Line: line, Message: binaryMessage(raw, line)}
	}
	if !utf8.Valid(raw) {
		off := firstInvalid(raw)
		line := 1 + bytes.Count(raw[:off], []byte("\n"))
		enc := "未知编码"
		if looksGB(raw) {
			enc = "GBK/GB18030（国标码）"
		}
		return "", &InputError{Code: "encoding", Line: line, Message: fmt.Sprintf("第 %d 行（第 %d 字节）起不是 UTF-8 文字，看起来是 %s。请“另存为”UTF-8 编码后再检查。", line, off+1, enc)}
	}
	return string(raw), nil
}

func binaryMessage(raw []byte, line int) string {
	kind := "二进制文件"
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF")):
		kind = "PDF 文件"
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		kind = "压缩包或 Word/WPS 文档（.docx/.wps/.zip）"
	case bytes.HasPrefix(raw, []byte("\xd0\xcf\x11\xe0")):
		kind = "旧版 Word/WPS 文档（.doc/.wps）"
	}
	where := ""
	if line > 0 {
		where = fmt.Sprintf("（第 %d 行含有空字节）", line)
	}
	return "输入是" + kind + "，不是文本" + where + "。请在 Word、WPS 或 PDF 阅读器中全选复制正文，粘贴为纯文本后再检查。"
}

// utf16Kind recognises UTF-16 by its byte-order mark or by the zero bytes
// that ASCII characters leave in every other position.
func utf16Kind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return "UTF-16 LE"
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return "UTF-16 BE"
	}
	n := len(b)
	if n > 4096 {
		n = 4096
	}
	if n < 4 {
		return ""
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
	switch {
	case oddZero > n/8 && evenZero == 0:
		return "UTF-16 LE"
	case evenZero > n/8 && oddZero == 0:
		return "UTF-16 BE"
	}
	return ""
}

// looksBinary: control characters other than tab, newline, carriage
// return and form feed (pdftotext's page break) in the first 8 KB.
func looksBinary(b []byte) bool {
	n := len(b)
	if n > 8192 {
		n = 8192
	}
	ctl := 0
	for _, c := range b[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	return ctl > 0 && ctl*100 > n // over 1 % control bytes
}

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
// 0x40–0xFE except 0x7F).
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
		}
		bad++
	}
	return pairs > 0 && bad*10 < pairs
}
