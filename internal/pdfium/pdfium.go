// Package pdfium reads the characters of a PDF with their positions, and
// the straight lines drawn on its pages (table borders), for core/input's
// PDF adapter. It runs PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium) under the pure-Go runtime wazero: no
// cgo, nothing installed, nothing fetched, so the command line stays one
// file that works offline.
//
// Starting the engine compiles the 5.8 MB PDFium module, about 4 s, so an
// Engine starts once per process, on the first PDF, and keeps wazero's
// compilation cache in the user's cache folder when it can. Later starts
// take about 0.1 s: wazero validates the module even when its compiled
// code comes from the cache (about half of it), reads the 22 MB of cached
// machine code and hashes the module. Reading a 6-page report takes
// 40–50 ms, most of it inside PDFium (BenchmarkReport; scripts/bench-pdf).
package pdfium

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/nianbao/nianbao/core/input"
)

// MaxPages bounds the work on one file: a report has 4–15 pages (the
// same for every PDF engine: input.MaxPDFPages).
const MaxPages = input.MaxPDFPages

// MaxMemoryMB bounds the engine's memory (its WebAssembly memory, where
// PDFium inflates content streams and builds its text pages). Every
// report PDF of the evaluation reads within 48 MB; a content stream that inflates to gigabytes
// stops PDFium at this limit, and the engine is started afresh for the
// next file.
const MaxMemoryMB = 128

// Engine is a PDFium instance, started on first use.
type Engine struct {
	// CacheDir holds wazero's compilation cache; "" for the default
	// (os.UserCacheDir()/nianbao/pdfium), "-" for none.
	CacheDir string
	// Starting, if set, is called before a start that compiles PDFium
	// (no compilation cached), with about how long it takes, so that a
	// command can say why the first PDF is slow.
	Starting func(about time.Duration)

	once sync.Once
	err  error
	pool pdfium.Pool
	inst pdfium.Pdfium
	mu   sync.Mutex // one instance: one document at a time
}

func (e *Engine) start() error {
	e.once.Do(func() {
		dir := e.cacheDir()
		if e.Starting != nil && !cached(dir) {
			e.Starting(CompileTime)
		}
		e.pool, e.err = e.init(dir)
		if e.err != nil && dir != "" {
			// A cached compilation that does not read back (wazero checks
			// its code's checksum: a damaged or truncated file) stops the
			// start. The cache is emptied and PDFium compiled afresh, once.
			if e.Starting != nil {
				e.Starting(CompileTime)
			}
			clearCache(dir)
			e.pool, e.err = e.init(dir)
		}
		if e.err != nil {
			e.err = fmt.Errorf("PDF 引擎无法启动（%v）", e.err)
			return
		}
		e.err = e.fresh()
	})
	return e.err
}

// init compiles PDFium (or loads its compilation from the cache in dir,
// "" for none) and starts a pool of one instance.
func (e *Engine) init(dir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		// PDFium's setjmp/longjmp need exception handling; a custom
		// config must turn it on again.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(MaxMemoryMB << 4) // 64 KB pages
	if dir != "" {
		if cc, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			rc = rc.WithCompilationCache(cc)
		}
	}
	return webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: rc,
		Context:       experimental.WithMemoryAllocator(context.Background(), experimental.MemoryAllocatorFunc(reserve)),
		Stdout:        io.Discard, // nothing PDFium prints may reach our output
		Stderr:        io.Discard,
		FSConfig:      wazero.NewFSConfig(), // the document comes as bytes: no host files
	})
}

// clearCache removes wazero's compilations from dir (its folders
// wazero-<version>-<arch>-<os>), nothing else there.
func clearCache(dir string) {
	subs, _ := filepath.Glob(filepath.Join(dir, "wazero-*"))
	for _, s := range subs {
		os.RemoveAll(s)
	}
}

// CompileTime is about how long compiling PDFium takes on an ordinary
// machine (4–13 s measured; TestStart logs it).
const CompileTime = 8 * time.Second

// cached: the compilation cache folder holds a compiled module (any file
// under it; wazero names them by module hash).
func cached(dir string) bool {
	if dir == "" {
		return false
	}
	found := false
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// fresh gets a new PDFium instance from the pool (the old one, if any,
// is closed: after a trap its memory is not to be trusted).
func (e *Engine) fresh() error {
	if e.inst != nil {
		e.inst.Close()
		e.inst = nil
	}
	inst, err := e.pool.GetInstance(time.Minute)
	if err != nil {
		return fmt.Errorf("PDF 引擎无法启动（%v）", err)
	}
	e.inst = inst
	return nil
}

func (e *Engine) cacheDir() string {
	switch e.CacheDir {
	case "-":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir := filepath.Join(base, "nianbao", "pdfium")
		if os.MkdirAll(dir, 0o755) != nil {
			return ""
		}
		return dir
	}
	return e.CacheDir
}

// reserve backs the engine's memory with one buffer of the most it may
// use, so that growing it never copies (wazero's default grows a Go slice
// by copying, holding the old memory and the new at once: a module near
// its limit took three times the limit). The Go runtime maps a buffer
// this large fresh from the system: only the pages PDFium touches use
// memory.
func reserve(_, max uint64) experimental.LinearMemory {
	return &linearMemory{buf: make([]byte, 0, min(max, MaxMemoryMB<<20))}
}

type linearMemory struct{ buf []byte }

func (m *linearMemory) Reallocate(size uint64) []byte {
	if size > uint64(cap(m.buf)) {
		return nil // memory.grow fails: PDFium's allocation fails
	}
	m.buf = m.buf[:size]
	return m.buf
}

func (m *linearMemory) Free() { m.buf = nil }

// Close stops the engine.
func (e *Engine) Close() {
	if e.inst != nil {
		e.inst.Close()
	}
	if e.pool != nil {
		e.pool.Close()
	}
}

// Pages reads every page's characters (input.Env.PDF). Past the limits
// (pages, characters, the engine's memory) it returns an error wrapping
// input.ErrPDFTooLarge.
func (e *Engine) Pages(raw []byte) ([]input.Page, error) {
	if err := e.start(); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inst == nil { // the last restart failed
		if err := e.fresh(); err != nil {
			return nil, err
		}
	}
	pages, err := e.pages(raw)
	if trapped(err) {
		// PDFium stopped inside WebAssembly: most often an allocation
		// past MaxMemoryMB (a content stream that inflates to gigabytes),
		// else a fault on a broken file. The instance is replaced, so
		// the next file of a batch reads as usual.
		if ferr := e.fresh(); ferr != nil {
			e.inst = nil
		}
		// The old instance's memory, filled to the limit, goes back to
		// the system now, not when the heap next grows: a batch with
		// several such files would otherwise hold each.
		debug.FreeOSMemory()
		return nil, fmt.Errorf("%w（PDF 引擎读取时停止：内容超过 %d MB 的内存上限，或文件已损坏）", input.ErrPDFTooLarge, MaxMemoryMB)
	}
	return pages, err
}

// trapped: the error of a WebAssembly trap (wazero's "wasm error: …"),
// passed on by go-pdfium as text.
func trapped(err error) bool {
	return err != nil && strings.Contains(err.Error(), "wasm error")
}

func (e *Engine) pages(raw []byte) ([]input.Page, error) {
	data := raw
	doc, err := e.inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
		return nil, input.ErrPDFPassword
	case errors.Is(err, pdferrors.ErrFormat):
		return nil, input.ErrPDFDamaged
	case err != nil:
		return nil, fmt.Errorf("无法打开（%v）", err)
	}
	defer e.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := e.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("无法读取页数（%v）", err)
	}
	if pc.PageCount > MaxPages {
		return nil, fmt.Errorf("%w：共 %d 页，超过上限 %d 页，不像是一份年度报告", input.ErrPDFTooLarge, pc.PageCount, MaxPages)
	}
	pages := make([]input.Page, 0, pc.PageCount)
	total := 0
	for i := 0; i < pc.PageCount; i++ {
		p, err := e.page(doc.Document, i, input.MaxPDFChars-total)
		if errors.Is(err, input.ErrPDFTooLarge) {
			return nil, fmt.Errorf("第 %d 页%w", i+1, err)
		}
		if err != nil {
			if trapped(err) {
				return nil, err
			}
			return nil, fmt.Errorf("第 %d 页无法读取（%v）", i+1, err)
		}
		total += len(p.Chars)
		pages = append(pages, p)
	}
	return pages, nil
}

// page reads one page's characters, at most input.MaxPDFPageChars and
// at most left.
func (e *Engine) page(doc references.FPDF_DOCUMENT, idx int, left int) (input.Page, error) {
	var p input.Page
	inst := e.inst
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: idx})
	if err != nil {
		return p, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	pg := requests.Page{ByReference: &lp.Page}
	if w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: pg}); err == nil {
		p.W = float64(w.PageWidth)
	}
	if h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: pg}); err == nil {
		p.H = float64(h.PageHeight)
	}
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: pg})
	if err != nil {
		return p, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	t := tp.TextPage
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: t})
	if err != nil {
		return p, err
	}
	switch {
	case n.Count > input.MaxPDFPageChars:
		return p, fmt.Errorf("%w：有 %d 个字符，超过每页上限 %d 个", input.ErrPDFTooLarge, n.Count, input.MaxPDFPageChars)
	case n.Count > left:
		return p, fmt.Errorf("%w：全文字符超过上限 %d 个", input.ErrPDFTooLarge, input.MaxPDFChars)
	}
	p.Chars = make([]input.Char, 0, n.Count)
	for k := 0; k < n.Count; k++ {
		// Characters PDFium inserts (spaces and line ends it infers) are
		// not in the PDF and have no real place: left out.
		if g, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: t, Index: k}); err != nil || g.IsGenerated {
			continue
		}
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: t, Index: k})
		if err != nil {
			return p, err
		}
		c := input.Char{R: rune(u.Unicode)}
		// Across, the glyph's own box (the loose box of a character in a
		// column of vertical text can span the whole table); up and down,
		// the font's box, the same height for every glyph of a line (the
		// tight box of 一 is a thin stroke).
		if b, err := inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: t, Index: k}); err == nil {
			c.X0, c.X1 = b.Left, b.Right
		}
		if lb, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: t, Index: k}); err == nil {
			c.Y0, c.Y1 = float64(lb.Rect.Bottom), float64(lb.Rect.Top)
		}
		if o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: t, Index: k}); err == nil {
			c.OX, c.OY = o.X, o.Y
		}
		// The font size operand is often scaled by the text matrix (a Tf
		// of 259 drawn at 13 pt): the real size is the product.
		if fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: t, Index: k}); err == nil {
			c.Size = fs.FontSize
			if m, err := inst.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: t, Index: k}); err == nil {
				if s := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D)); s > 0 {
					c.Size *= s
				}
			}
		}
		p.Chars = append(p.Chars, c)
	}
	p.Rules = e.rules(pg)
	return p, nil
}

// maxRules bounds the drawn lines kept from one page (input.MaxPageRules).
const maxRules = input.MaxPageRules

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// then is m followed by n.
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

var identity = matrix{1, 0, 0, 1, 0, 0}

// rules reads the straight horizontal and vertical lines drawn on a page
// (input.Page.Rules): the borders of its tables. Errors leave the lines
// out; the text is read all the same.
func (e *Engine) rules(pg requests.Page) []input.Rule {
	inst := e.inst
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: pg})
	if err != nil {
		return nil
	}
	var out []input.Rule
	for i := 0; i < n.Count && len(out) < maxRules; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: pg, Index: i})
		if err != nil {
			continue
		}
		out = e.objectRules(o.PageObject, identity, 0, out)
	}
	return out
}

func (e *Engine) objectRules(obj references.FPDF_PAGEOBJECT, parent matrix, depth int, out []input.Rule) []input.Rule {
	inst := e.inst
	t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return out
	}
	m := identity
	if r, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj}); err == nil {
		a := r.Matrix
		m = matrix{float64(a.A), float64(a.B), float64(a.C), float64(a.D), float64(a.E), float64(a.F)}
	}
	m = m.then(parent)
	switch t.Type {
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= 4 {
			return out
		}
		c, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return out
		}
		for i := 0; i < c.Count && len(out) < maxRules; i++ {
			child, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
			if err == nil {
				out = e.objectRules(child.PageObject, m, depth+1, out)
			}
		}
		return out
	case enums.FPDF_PAGEOBJ_PATH:
	default:
		return out
	}
	if dm, err := inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj}); err != nil || (!dm.Stroke && dm.FillMode == enums.FPDF_FILLMODE_NONE) {
		return out
	}
	// A border drawn as one thin bar or line (browsers draw each cell's
	// border so, thousands on a page) is its bounds: one call instead of
	// a few for each of its points. Bounds are in the page's space only
	// outside form objects.
	if parent == identity {
		if b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj}); err == nil {
			if out, thin := input.BoundsRule(float64(b.Left), float64(b.Bottom), float64(b.Right), float64(b.Top), out); thin {
				return out
			}
		}
	}
	c, err := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil || c.Count > 4*maxRules {
		return out
	}
	var sub []input.PathPoint
	curved := false
	flush := func() {
		if len(sub) >= 2 && !curved {
			out = input.PathRules(sub, out)
		}
		sub, curved = sub[:0], false
	}
	for i := 0; i < c.Count; i++ {
		sg, err := inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: i})
		if err != nil {
			return out
		}
		st, err1 := inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: sg.PathSegment})
		p, err2 := inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: sg.PathSegment})
		if err1 != nil || err2 != nil {
			return out
		}
		x, y := m.apply(float64(p.X), float64(p.Y))
		switch st.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			flush()
			sub = append(sub, input.PathPoint{X: x, Y: y})
		case enums.FPDF_SEGMENT_LINETO:
			sub = append(sub, input.PathPoint{X: x, Y: y})
		default:
			curved = true
		}
		if cl, err := inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: sg.PathSegment}); err == nil && cl.IsClose && len(sub) > 0 {
			sub = append(sub, sub[0])
			flush()
		}
	}
	flush()
	return out
}
