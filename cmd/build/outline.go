package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// outlineBulkOps rewrites a WebAssembly module so that the instructions
// that old kernels' baseline compiler cannot compile appear in one small
// function each, called where they were:
//
//	memory.copy, memory.fill                 (bulk memory)
//	i32/i64.trunc_sat_f32/f64_s/u            (non-trapping float-to-int)
//
// Go emits memory.copy for every copy of 16 bytes or more (a string header,
// most structs) and memory.fill for zeroing more than 32, so most of its
// functions have one. Liftoff, V8's baseline compiler, did not know these
// instructions in Chromium 80 (the kernel of 360安全浏览器, 奇安信 and other
// browsers on government PCs): a function with one is handed to TurboFan,
// the optimising compiler, many times slower to compile, before the page
// can start. With the instructions outlined, only the few helpers go to
// TurboFan. Each helper has exactly the instruction's stack signature (a
// call consumes and leaves the same values), so the rewrite is a like-for-
// like replacement of the instruction by a call; newer browsers compile the
// helpers with Liftoff like everything else, and the call costs next to
// nothing beside the copy it makes.
//
// Only the code, type and function sections change; the helpers are
// appended after the module's own functions, so no existing function index
// moves.
func outlineBulkOps(mod []byte) ([]byte, error) {
	if len(mod) < 8 || !bytes.Equal(mod[:8], []byte("\x00asm\x01\x00\x00\x00")) {
		return nil, errors.New("not a WebAssembly module (version 1)")
	}
	type section struct {
		id   byte
		data []byte
	}
	var secs []section
	for p := mod[8:]; len(p) > 0; {
		id := p[0]
		n, k, err := uleb(p[1:])
		if err != nil {
			return nil, err
		}
		start := 1 + k
		if uint64(len(p)-start) < n {
			return nil, errors.New("section runs past the end")
		}
		secs = append(secs, section{id, p[start : start+int(n)]})
		p = p[start+int(n):]
	}
	find := func(id byte) int {
		for i, s := range secs {
			if s.id == id {
				return i
			}
		}
		return -1
	}
	ti, fi, ci := find(1), find(3), find(10)
	if ti < 0 || fi < 0 || ci < 0 {
		return nil, errors.New("module without type, function or code section")
	}

	// Function index space: imported functions first.
	imported := 0
	if ii := find(2); ii >= 0 {
		var err error
		if imported, err = countImportedFuncs(secs[ii].data); err != nil {
			return nil, err
		}
	}
	nTypes, k, err := uleb(secs[ti].data)
	if err != nil {
		return nil, err
	}
	types := append([]byte(nil), secs[ti].data[k:]...)
	nFuncs, k, err := uleb(secs[fi].data)
	if err != nil {
		return nil, err
	}
	funcs := append([]byte(nil), secs[fi].data[k:]...)

	// The helpers, made when first needed: the instruction's bytes → the
	// helper's function index.
	type helper struct {
		index  uint64
		op     []byte
		params []byte
		result byte // 0: none
	}
	var helpers []*helper
	byOp := map[string]*helper{}
	helperFor := func(op []byte) (*helper, error) {
		if h := byOp[string(op)]; h != nil {
			return h, nil
		}
		params, result, ok := bulkSignature(op)
		if !ok {
			return nil, fmt.Errorf("no signature for 0xfc %x", op[1:])
		}
		h := &helper{index: uint64(imported) + nFuncs + uint64(len(helpers)), op: op, params: params, result: result}
		helpers = append(helpers, h)
		byOp[string(op)] = h
		return h, nil
	}

	code := secs[ci].data
	nBodies, k, err := uleb(code)
	if err != nil {
		return nil, err
	}
	if nBodies != nFuncs {
		return nil, errors.New("function and code sections differ in length")
	}
	code = code[k:]
	var out bytes.Buffer
	var body bytes.Buffer
	replaced := 0
	for i := uint64(0); i < nBodies; i++ {
		size, k, err := uleb(code)
		if err != nil {
			return nil, err
		}
		if uint64(len(code)-k) < size {
			return nil, errors.New("function body runs past the end")
		}
		b := code[k : k+int(size)]
		code = code[k+int(size):]
		body.Reset()
		// Locals: a count of (count, type) pairs.
		nLocals, p, err := uleb(b)
		if err != nil {
			return nil, err
		}
		for j := uint64(0); j < nLocals; j++ {
			_, k, err := uleb(b[p:])
			if err != nil {
				return nil, err
			}
			p += k + 1
		}
		if p > len(b) {
			return nil, errors.New("locals run past the body")
		}
		body.Write(b[:p])
		for p < len(b) {
			n, err := instrLen(b[p:])
			if err != nil {
				return nil, fmt.Errorf("function %d at %d: %w", i, p, err)
			}
			in := b[p : p+n]
			if in[0] == 0xfc && outlined(in) {
				h, err := helperFor(append([]byte(nil), in...))
				if err != nil {
					return nil, err
				}
				body.WriteByte(0x10) // call
				body.Write(leb(h.index))
				replaced++
			} else {
				body.Write(in)
			}
			p += n
		}
		out.Write(leb(uint64(body.Len())))
		out.Write(body.Bytes())
	}
	if len(code) != 0 {
		return nil, errors.New("bytes after the last function body")
	}
	if replaced == 0 {
		return mod, nil
	}

	// The helpers' types, functions and bodies.
	for _, h := range helpers {
		t := []byte{0x60}
		t = append(t, leb(uint64(len(h.params)))...)
		t = append(t, h.params...)
		if h.result != 0 {
			t = append(t, 1, h.result)
		} else {
			t = append(t, 0)
		}
		types = append(types, t...)
		funcs = append(funcs, leb(nTypes)...)
		nTypes++
		var hb []byte
		hb = append(hb, 0) // no locals
		for j := range h.params {
			hb = append(hb, 0x20)
			hb = append(hb, leb(uint64(j))...)
		}
		hb = append(hb, h.op...)
		hb = append(hb, 0x0b)
		out.Write(leb(uint64(len(hb))))
		out.Write(hb)
	}
	secs[ti].data = append(leb(nTypes), types...)
	secs[fi].data = append(leb(nFuncs+uint64(len(helpers))), funcs...)
	secs[ci].data = append(leb(nFuncs+uint64(len(helpers))), out.Bytes()...)

	var m bytes.Buffer
	m.Write(mod[:8])
	for _, s := range secs {
		m.WriteByte(s.id)
		m.Write(leb(uint64(len(s.data))))
		m.Write(s.data)
	}
	return m.Bytes(), nil
}

// outlined tells the 0xfc instructions that outlineBulkOps moves into
// helpers.
func outlined(in []byte) bool {
	sub, _, _ := uleb(in[1:])
	return sub <= 7 || sub == 10 || sub == 11
}

// bulkSignature is the stack signature of an outlined instruction.
func bulkSignature(in []byte) (params []byte, result byte, ok bool) {
	const i32, i64, f32, f64 = 0x7f, 0x7e, 0x7d, 0x7c
	sub, _, _ := uleb(in[1:])
	switch sub {
	case 0, 1: // i32.trunc_sat_f32_s/u
		return []byte{f32}, i32, true
	case 2, 3: // i32.trunc_sat_f64_s/u
		return []byte{f64}, i32, true
	case 4, 5: // i64.trunc_sat_f32_s/u
		return []byte{f32}, i64, true
	case 6, 7: // i64.trunc_sat_f64_s/u
		return []byte{f64}, i64, true
	case 10, 11: // memory.copy (dst, src, n), memory.fill (dst, value, n)
		return []byte{i32, i32, i32}, 0, true
	}
	return nil, 0, false
}

// instrLen is the length in bytes of the instruction at the start of b:
// the MVP instruction set with sign extension, non-trapping conversions
// and bulk memory (what Go emits), and the reference-type and SIMD-free
// rest of the 0xfc page.
func instrLen(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, errors.New("empty")
	}
	op := b[0]
	ulebLen := func(b []byte) (int, error) {
		_, k, err := uleb(b)
		return k, err
	}
	switch {
	case op == 0x00 || op == 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b:
		return 1, nil // unreachable nop else end return drop select
	case op == 0x02 || op == 0x03 || op == 0x04: // block loop if: block type
		if len(b) < 2 {
			return 0, errors.New("block type missing")
		}
		if b[1] == 0x40 || (b[1] >= 0x7b && b[1] <= 0x7f) || b[1] == 0x70 || b[1] == 0x6f {
			return 2, nil
		}
		_, k, err := sleb(b[1:])
		return 1 + k, err
	case op == 0x0c || op == 0x0d || op == 0x10 || (op >= 0x20 && op <= 0x24): // br br_if call local.* global.*
		k, err := ulebLen(b[1:])
		return 1 + k, err
	case op == 0x0e: // br_table
		n, k, err := uleb(b[1:])
		if err != nil {
			return 0, err
		}
		p := 1 + k
		for i := uint64(0); i <= n; i++ {
			k, err := ulebLen(b[p:])
			if err != nil {
				return 0, err
			}
			p += k
		}
		return p, nil
	case op == 0x11: // call_indirect type table
		k1, err := ulebLen(b[1:])
		if err != nil {
			return 0, err
		}
		k2, err := ulebLen(b[1+k1:])
		return 1 + k1 + k2, err
	case op >= 0x28 && op <= 0x3e: // loads and stores: align, offset
		k1, err := ulebLen(b[1:])
		if err != nil {
			return 0, err
		}
		k2, err := ulebLen(b[1+k1:])
		return 1 + k1 + k2, err
	case op == 0x3f || op == 0x40: // memory.size memory.grow
		return 2, nil
	case op == 0x41 || op == 0x42: // i32.const i64.const
		_, k, err := sleb(b[1:])
		return 1 + k, err
	case op == 0x43:
		return 5, nil
	case op == 0x44:
		return 9, nil
	case op >= 0x45 && op <= 0xc4: // numeric, sign extension
		return 1, nil
	case op == 0xfc:
		sub, k, err := uleb(b[1:])
		if err != nil {
			return 0, err
		}
		p := 1 + k
		switch {
		case sub <= 7:
			return p, nil
		case sub == 8: // memory.init data mem
			k1, err := ulebLen(b[p:])
			return p + k1 + 1, err
		case sub == 9 || sub == 13 || (sub >= 15 && sub <= 17): // data.drop elem.drop table.grow/size/fill
			k1, err := ulebLen(b[p:])
			return p + k1, err
		case sub == 10 || sub == 12 || sub == 14: // memory.copy, table.init, table.copy: two indices
			k1, err := ulebLen(b[p:])
			if err != nil {
				return 0, err
			}
			k2, err := ulebLen(b[p+k1:])
			return p + k1 + k2, err
		case sub == 11: // memory.fill
			return p + 1, nil
		}
		return 0, fmt.Errorf("unknown instruction 0xfc %d", sub)
	}
	return 0, fmt.Errorf("unknown instruction 0x%02x", op)
}

// countImportedFuncs counts the function imports in an import section.
func countImportedFuncs(d []byte) (int, error) {
	n, p, err := uleb(d)
	if err != nil {
		return 0, err
	}
	funcs := 0
	for i := uint64(0); i < n; i++ {
		for j := 0; j < 2; j++ { // module and field names
			l, k, err := uleb(d[p:])
			if err != nil {
				return 0, err
			}
			p += k + int(l)
		}
		if p >= len(d) {
			return 0, errors.New("import runs past the section")
		}
		kind := d[p]
		p++
		switch kind {
		case 0: // function: type index
			funcs++
			_, k, err := uleb(d[p:])
			if err != nil {
				return 0, err
			}
			p += k
		case 1: // table: elem type, limits
			p++
			k, err := limitsLen(d[p:])
			if err != nil {
				return 0, err
			}
			p += k
		case 2: // memory: limits
			k, err := limitsLen(d[p:])
			if err != nil {
				return 0, err
			}
			p += k
		case 3: // global: type, mutability
			p += 2
		default:
			return 0, fmt.Errorf("unknown import kind %d", kind)
		}
	}
	return funcs, nil
}

func limitsLen(d []byte) (int, error) {
	if len(d) == 0 {
		return 0, errors.New("limits missing")
	}
	_, k, err := uleb(d[1:])
	if err != nil {
		return 0, err
	}
	p := 1 + k
	if d[0]&1 != 0 {
		_, k, err := uleb(d[p:])
		if err != nil {
			return 0, err
		}
		p += k
	}
	return p, nil
}

func uleb(b []byte) (uint64, int, error) {
	v, k := binary.Uvarint(b)
	if k <= 0 {
		return 0, 0, errors.New("bad LEB128")
	}
	return v, k, nil
}

// sleb reads a signed LEB128 (only its length matters here).
func sleb(b []byte) (int64, int, error) {
	var v int64
	var shift uint
	for i, c := range b {
		if i >= 10 {
			break
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("bad signed LEB128")
}

func leb(v uint64) []byte {
	return binary.AppendUvarint(nil, v)
}
