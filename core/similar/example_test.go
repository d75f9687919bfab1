package similar_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/similar"
	"github.com/nianbao/nianbao/core/source"
)

// A batch: each report parsed once, its unit and year as the rules read
// them, then one Pairs for the whole batch.
func Example() {
	b, err := os.ReadFile("../../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	if err != nil {
		panic(err)
	}
	texts := map[string]string{
		"武昌.txt": string(b),
		"江夏.txt": strings.NewReplacer("武昌", "江夏", "2025", "2024").Replace(string(b)),
	}
	var ix similar.Index
	for _, name := range []string{"武昌.txt", "江夏.txt"} {
		doc := parse.Parse(source.New(name, texts[name]))
		agency, year := rules.Identify(doc)
		ix.Add(similar.FromParsed(name, doc, agency, year))
	}
	for _, p := range ix.Pairs(similar.DefaultMinSimilarity) {
		fmt.Printf("%s（%s %d）与 %s（%s %d）：%.0f%%，%d 句相同\n",
			p.A, p.Agencies[0], p.Years[0], p.B, p.Agencies[1], p.Years[1], p.Similarity*100, p.Same)
		for _, s := range p.Shared {
			fmt.Printf("  第 %d–%d 行 / 第 %d–%d 行：%s\n", s.ALines[0], s.ALines[1], s.BLines[0], s.BLines[1], s.Text)
		}
	}
	// Output:
	// 武昌.txt（武昌区机关事务服务中心 2025）与 江夏.txt（江夏区机关事务服务中心 2024）：100%，32 句相同
	//   第 4–357 行 / 第 4–357 行：2025年,区机关事务服务中心严格遵循《中华人民…
}
