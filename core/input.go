package core

import "github.com/nianbao/nianbao/core/input"

// MaxInputBytes is the largest file the checker accepts (see input.MaxBytes).
const MaxInputBytes = input.MaxBytes

// InputError says why a file cannot be checked at all. Its message is
// Chinese, names the place where it can (Line) and says what to do.
type InputError = input.Error

// Read turns a file's bytes into the text as read (see package input):
// plain text in any supported encoding, .md, .html, .docx and, where env
// can, .pdf. name is the file's name or "<粘贴>".
func Read(name string, raw []byte, env input.Env) (*input.Doc, *InputError) {
	return input.Read(name, raw, env)
}

// Decode reads raw as plain text (UTF-8, UTF-16, or GB18030 where env
// can decode it) and returns it as UTF-8.
func Decode(raw []byte, env input.Env) (string, *InputError) {
	text, _, err := input.DecodeText(raw, env)
	return text, err
}
