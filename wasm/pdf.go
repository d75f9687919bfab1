//go:build js && wasm

package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/maphash"
	"math"
	"syscall/js"

	"github.com/nianbao/nianbao/core/input"
)

// pdfPages is the page's PDF engine (input.Env.PDF): pdf.js, run by
// web/pdfread.js, gives each page's characters with their boxes and the
// straight subpaths it draws; the layout that makes rows, columns and
// cells of them is core/input's, the same code as the command line's
// (whose engine is PDFium). It waits for the browser's promise: it is
// called from goroutines only (opening a file, the batch), never from an
// event handler.
//
// A batch reads a PDF more than once (its unit and year, its check, last
// year's text for the next year's): the pages of the last few files are
// kept, by the file's length and two independent hashes of its bytes
// (128 bits: a mix-up of two files among four is beyond any chance). Not
// SHA-256: crypto/sha256 alone brings about 100 KB of crypto code into the
// page's WebAssembly (the FIPS module's self-tests, DRBG, AES), which
// every browser compiles before the checker starts.
func pdfPages(raw []byte) ([]input.Page, error) {
	key := pdfKey{len(raw), maphash.Bytes(pdfSeed, raw), crc32.ChecksumIEEE(raw)}
	for _, c := range pdfCache {
		if c.key == key {
			return c.pages, nil
		}
	}
	pages, err := readPDFPages(raw)
	if err != nil {
		return nil, err
	}
	if len(pdfCache) == pdfCacheSize {
		copy(pdfCache, pdfCache[1:])
		pdfCache = pdfCache[:pdfCacheSize-1]
	}
	pdfCache = append(pdfCache, pdfCached{key, pages})
	return pages, nil
}

type pdfCached struct {
	key   pdfKey
	pages []input.Page
}

type pdfKey struct {
	size int
	hash uint64
	crc  uint32
}

var pdfSeed = maphash.MakeSeed()

const pdfCacheSize = 4

var pdfCache []pdfCached

func readPDFPages(raw []byte) ([]input.Page, error) {
	read := js.Global().Get("nianbaoPDF")
	if read.Type() != js.TypeFunction {
		return nil, errors.New("本页面缺少 PDF 引擎")
	}
	data := js.Global().Get("Uint8Array").New(len(raw))
	js.CopyBytesToJS(data, raw)
	res, err := await(read.Invoke(data, input.MaxPDFPages, input.MaxPDFPageChars, input.MaxPDFChars))
	if err != nil {
		return nil, fmt.Errorf("无法打开（%v）", err)
	}
	if e := res.Get("error"); e.Truthy() {
		switch e.String() {
		case "password":
			return nil, input.ErrPDFPassword
		case "format":
			return nil, input.ErrPDFDamaged
		case "pages":
			return nil, fmt.Errorf("%w：共 %d 页，超过上限 %d 页，不像是一份年度报告", input.ErrPDFTooLarge, res.Get("pages").Int(), input.MaxPDFPages)
		case "page-chars":
			// pdf.js stops counting at the limit.
			return nil, fmt.Errorf("第 %d 页%w：字符超过每页上限 %d 个", res.Get("page").Int(), input.ErrPDFTooLarge, input.MaxPDFPageChars)
		case "font":
			// Its text would be missing: refused, never checked in part.
			return nil, fmt.Errorf("第 %d 页有网页版读不出的字体（未嵌入的中文字体所用的编码，或字体已损坏），其中的文字读不出。请用命令行 nianbao check 文件.pdf 检查", res.Get("page").Int())
		case "chars":
			return nil, fmt.Errorf("%w：全文字符超过上限 %d 个", input.ErrPDFTooLarge, input.MaxPDFChars)
		}
		return nil, fmt.Errorf("无法打开（%s）", res.Get("message").String())
	}
	list := res.Get("pages")
	n := list.Length()
	pages := make([]input.Page, n)
	for i := range pages {
		p := list.Index(i)
		pages[i].W, pages[i].H = p.Get("w").Float(), p.Get("h").Float()
		f := floats(p.Get("chars"))
		pages[i].Chars = make([]input.Char, 0, len(f)/8)
		for k := 0; k+8 <= len(f); k += 8 {
			r := f[k]
			if r < 0 || r > math.MaxInt32 {
				continue
			}
			pages[i].Chars = append(pages[i].Chars, input.Char{R: pdfRune(rune(r)), X0: f[k+1], X1: f[k+2], Y0: f[k+3], Y1: f[k+4], OX: f[k+5], OY: f[k+6], Size: f[k+7]})
		}
		g := floats(p.Get("paths"))
		var sub []input.PathPoint
		for k := 0; k < len(g); {
			m := int(g[k])
			k++
			if m == 0 && k+4 <= len(g) { // a thin path's bounds
				pages[i].Rules, _ = input.BoundsRule(g[k], g[k+1], g[k+2], g[k+3], pages[i].Rules)
				k += 4
				continue
			}
			if m < 0 || k+2*m > len(g) {
				break
			}
			sub = sub[:0]
			for j := 0; j < m; j++ {
				sub = append(sub, input.PathPoint{X: g[k+2*j], Y: g[k+2*j+1]})
			}
			k += 2 * m
			pages[i].Rules = input.PathRules(sub, pages[i].Rules)
		}
	}
	return pages, nil
}

// floats copies the bytes of a Float64Array (given as a Uint8Array).
func floats(u js.Value) []float64 {
	b := make([]byte, u.Length())
	js.CopyBytesToGo(b, u)
	f := make([]float64, len(b)/8)
	for i := range f {
		f[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return f
}

// pdfRune: a character as PDFium reads it. When a font draws a radical
// and the character it stands for with one glyph (民 and ⺠ in the CJK
// fonts browsers print with), pdf.js may name the glyph by the radical,
// PDFium by the character; a report has no radicals, so a radical is read
// as the character it is equivalent to (Unicode's Kangxi radicals by
// their compatibility mapping, the simplified radicals of CJK Radicals
// Supplement by EquivalentUnifiedIdeograph.txt).
func pdfRune(r rune) rune {
	switch {
	case r >= 0x2f00 && r < 0x2f00+rune(len(kangxi)):
		return kangxi[r-0x2f00]
	case r >= 0x2e80 && r <= 0x2eff:
		if c, ok := radicals[r]; ok {
			return c
		}
	}
	return r
}

var kangxi = []rune("一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠")

var radicals = map[rune]rune{
	0x2e9f: '母', 0x2ea0: '民', 0x2ea9: '王', 0x2ec4: '西', 0x2ec5: '见',
	0x2ec6: '角', 0x2ec9: '贝', 0x2ecb: '车', 0x2ed3: '长', 0x2ed4: '门',
	0x2ed8: '青', 0x2ed9: '韦', 0x2eda: '页', 0x2edb: '风', 0x2edc: '飞',
	0x2edd: '食', 0x2ee2: '马', 0x2ee3: '骨', 0x2ee4: '鬼', 0x2ee5: '鱼',
	0x2ee6: '鸟', 0x2ee7: '卤', 0x2ee8: '麦', 0x2ee9: '黄', 0x2eea: '黾',
	0x2eec: '齐', 0x2eee: '齿', 0x2ef0: '龙', 0x2ef3: '龟',
}
