package edge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
)

// referenceDecode is decodeJSON as it was written with encoding/json
// (DisallowUnknownFields, one value, More for what follows): the
// hand-written reader must answer every body exactly so.
func referenceDecode(body []byte) (req checkRequest, code, msg string) {
	if !utf8.Valid(body) {
		return req, "bad-json", "请求正文不是 UTF-8 编码的 JSON。"
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, "bad-json", referenceMessage(err)
	}
	if dec.More() {
		return req, "bad-json", "JSON 之后还有多余内容；请求正文应当只是一个对象 {\"text\": \"…\"}。"
	}
	if req.Text == nil {
		return req, "bad-json", "JSON 缺少 text 字段（报告正文，字符串）。格式：{\"text\": \"…\", \"name\": \"…\"}。"
	}
	return req, "", ""
}

func referenceMessage(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "请求正文为空，应当是 JSON 对象 {\"text\": \"…\", \"name\": \"…\"}。"
	case errors.As(err, &syn):
		return fmt.Sprintf("JSON 格式错误（第 %d 字节附近）。格式：{\"text\": \"…\", \"name\": \"…\"}。", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "请求正文应当是 JSON 对象 {\"text\": \"…\", \"name\": \"…\"}，不能是 " + typ.Value + "。"
		}
		return fmt.Sprintf("JSON 字段 %s 应当是字符串，不能是 %s。", typ.Field, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf("JSON 含有未知字段 %s；可用的字段：text、name、severity、previous。", strings.TrimPrefix(err.Error(), "json: unknown field "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "JSON 不完整（提前结束）。格式：{\"text\": \"…\", \"name\": \"…\"}。"
	}
	return "JSON 格式错误。格式：{\"text\": \"…\", \"name\": \"…\"}。"
}

func showRequest(r checkRequest) string {
	s := func(p *string) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprintf("%q", *p)
	}
	return "text=" + s(r.Text) + " name=" + s(r.Name) + " severity=" + s(r.Severity) + " previous=" + s(r.Previous)
}

// sameAsReference fails when decodeJSON and referenceDecode answer body
// differently (the request is compared only when both accept it).
func sameAsReference(t *testing.T, body []byte) {
	t.Helper()
	req, code, msg := decodeJSON(body)
	wreq, wcode, wmsg := referenceDecode(body)
	if code != wcode || msg != wmsg {
		t.Fatalf("body %q:\n got %s %s\nwant %s %s", body, code, msg, wcode, wmsg)
	}
	if code == "" && showRequest(req) != showRequest(wreq) {
		t.Fatalf("body %q:\n got %s\nwant %s", body, showRequest(req), showRequest(wreq))
	}
}

var jsonBodies = []string{
	``, ` `, " \r\n\t", `{"text":"a"}`, ` {"text" : "a" , "name":"b","severity":"error","previous":""} `,
	`{"text":"a"}x`, `{"text":"a"} {}`, `{"text":"a"}]`, `{"text":"a"}}`, `{"text":"a"} ,`,
	`{}`, `null`, `null x`, `nul`, `nulx`, `true`, `false`, `tru`, `"text"`, `"a`, `123`, `123x`, `-`, `-x`, `-0`, `01`,
	`1.`, `1.x`, `1.5e`, `1e+`, `1E-5`, `[]`, `[1,2]`, `[`, `[1,]`, `{`, `{"`, `{"text"`, `{"text":`, `{"text":"a"`,
	`{"text":"a",}`, `{,}`, `{"text" "a"}`, `{text:"a"}`, `{"text":'a'}`, `{"text":"a" "name":"b"}`,
	`{"text":1}`, `{"text":1.5e3}`, `{"text":true}`, `{"text":null}`, `{"text":[]}`, `{"text":{}}`, `{"text":{"a":[1,{"b":null}]}}`,
	`{"name":"n"}`, `{"text":"a","name":null}`, `{"text":"a","text":null}`, `{"text":null,"text":"b"}`,
	`{"foo":1}`, `{"text":"a","foo":{"x":[}`, `{"foo":1,"text":2}`, `{"text":2,"foo":1}`, `{"Text":"a"}`, `{"TEXT":"a","NaMe":"b"}`,
	`{"ſeverity":"error","text":"a"}`, `{"te\u0078t":"a"}`, `{"t\u0065xt":"\ud83d\ude00 \ud83d \u00e9\n\t\"\\\/\b\f\r"}`,
	`{"text":"\ud800\u0041"}`, `{"text":"\udc00"}`, `{"text":"\x"}`, `{"text":"\u12"}`, `{"text":"\u12g4"}`, "{\"text\":\"a\nb\"}",
	"{\"text\":\"a\x01\"}", `{"text":"中文","name":"北京市"}`, `{"\u0000":1}`, `{"text":"a","":"b"}`, `{"text":"a","foo\"":1}`,
	`{"text":"a","中":1}`, "\xff", `{"text":"\xe4"}`, `[[[[`, `{"a":[{"b":[{"c":`, `{"text":-}`, `{"text":--1}`, `{"text":+1}`,
	`{"text":.5}`, `{"text":0x10}`, `{"text":Infinity}`, `{"text":NaN}`, `{"text":"a"}` + "\u00a0",
}

func TestDecodeJSONLikeEncodingJSON(t *testing.T) {
	for _, b := range jsonBodies {
		sameAsReference(t, []byte(b))
	}
	// the nesting limit of encoding/json's scanner
	for _, n := range []int{9999, 10000, 10001} {
		sameAsReference(t, []byte(`{"text":"a","x":`+strings.Repeat("[", n-1)+strings.Repeat("]", n-1)+`}`))
		sameAsReference(t, []byte(strings.Repeat("[", n)+strings.Repeat("]", n)))
		sameAsReference(t, []byte(strings.Repeat("[", n+1)))
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, b := range jsonBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		sameAsReference(t, body)
	})
}

// referenceEncode is how the bodies were encoded with encoding/json.
func referenceEncode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestEncodeLikeEncodingJSON(t *testing.T) {
	for _, c := range []struct {
		code, msg string
		line      int
	}{
		{"bad-json", "JSON 格式错误（第 3 字节附近）。格式：{\"text\": \"…\", \"name\": \"…\"}。", 0},
		{"format", "第 2 行：<b>&amp;\\ \u2028 \u2029 \x00\x1f\x7f \xff", 12},
		{"", "", -1},
	} {
		got, want := errorJSON(c.code, c.msg, c.line), referenceEncode(apiError{errorBody{Code: c.code, Message: c.msg, Line: c.line}})
		if !bytes.Equal(got, want) {
			t.Errorf("error body:\n got %s\nwant %s", got, want)
		}
	}
	checker := core.NewResult().Checker
	for _, rules := range [][]core.RuleInfo{core.Rules(), {}, nil, {{ID: "X", Levels: "a<b>"}}} {
		got := rulesJSON(checker, rules)
		want := referenceEncode(struct {
			Checker core.Checker    `json:"checker"`
			Rules   []core.RuleInfo `json:"rules"`
		}{checker, rules})
		if !bytes.Equal(got, want) {
			t.Errorf("rules:\n got %s\nwant %s", got, want)
		}
	}
	for _, m := range []map[string]string{{"b": "2", "a": "1", "GET /x": "<&>"}, {}} {
		got := indexJSON(checker, m)
		want := referenceEncode(struct {
			Checker   core.Checker      `json:"checker"`
			Endpoints map[string]string `json:"endpoints"`
		}{checker, m})
		if !bytes.Equal(got, want) {
			t.Errorf("index:\n got %s\nwant %s", got, want)
		}
	}
	h := Health{"ok", checker, MaxBodyBytes, Memory{TotalBytes: 1 << 40, HeapLiveBytes: 12345}}
	if got, want := healthJSON(h), referenceEncode(h); !bytes.Equal(got, want) {
		t.Errorf("health:\n got %s\nwant %s", got, want)
	}
}
