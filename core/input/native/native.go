// Package native gives core/input what it needs from the platform on the
// command line and in the Worker: HTML parsed by golang.org/x/net/html
// (the WHATWG algorithm, as browsers parse) and legacy Chinese encodings
// decoded by golang.org/x/text. The page does not link it: there the
// browser's own DOMParser and TextDecoder do the same work.
package native

import (
	"errors"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/nianbao/nianbao/core/input"
)

// Env is core/input's environment for native programs, without PDF (the
// command line adds its PDF engine).
func Env() input.Env {
	return input.Env{Decode: Decode, ParseHTML: ParseHTML}
}

// Decode decodes bytes in a legacy encoding named by its WHATWG label.
// Bytes that are not in the encoding are an error, not U+FFFD.
func Decode(label string, b []byte) (string, error) {
	var enc encoding.Encoding
	switch label {
	case "gb18030", "gbk", "gb2312":
		enc = simplifiedchinese.GB18030
	case "big5":
		enc = traditionalchinese.Big5
	default:
		return "", errors.New("不支持的编码 " + label)
	}
	s, err := enc.NewDecoder().String(string(b))
	if err != nil {
		return "", err
	}
	if strings.ContainsRune(s, '\uFFFD') {
		return "", errors.New("内容不是 " + label + " 编码的文字")
	}
	return s, nil
}

// ParseHTML parses a document with golang.org/x/net/html.
func ParseHTML(src string) (input.Node, error) {
	n, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// x/net/html words its errors in English; the one it gives for a
		// page is its depth limit.
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			return nil, errors.New("元素嵌套超过 512 层，不是正常的网页")
		}
		return nil, errors.New("网页的 HTML 无法解析")
	}
	return node{n}, nil
}

type node struct{ n *html.Node }

func (n node) Kind() int {
	switch n.n.Type {
	case html.ElementNode:
		return input.ElementNode
	case html.TextNode:
		return input.TextNode
	case html.DocumentNode:
		return input.DocumentNode
	}
	return 0
}

func (n node) Tag() string  { return n.n.Data }
func (n node) Data() string { return n.n.Data }

func (n node) Attr(name string) string {
	for _, a := range n.n.Attr {
		if a.Key == name && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func (n node) Children() []input.Node {
	var out []input.Node
	for c := n.n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, node{c})
	}
	return out
}
