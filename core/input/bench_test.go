package input_test

import (
	"os"
	"testing"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
)

// BenchmarkRead: turning a file into the text as read, per kind (the
// check that follows costs the same as for pasted text).
func BenchmarkRead(b *testing.B) {
	env := native.Env()
	for _, name := range []string{"hongze-2024.docx", "hongze-2024.html", "004_6bca9a975aea9322-gbk.html"} {
		raw, err := os.ReadFile("../../testdata/files/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := input.Read(name, raw, env); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	text, _ := os.ReadFile("../../testdata/real/hongze-2024-layout.txt")
	b.Run("text-utf8", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			input.Read("a.txt", text, env)
		}
	})
}
