package main

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// testModule is a small module in the shape Go emits: an imported
// function first (so the helpers' indices must count it), a memory, and a
// function with memory.copy, memory.fill and two saturating conversions
// among ordinary instructions (a block, a branch, loads and stores with
// offsets, constants of every width).
func testModule() []byte {
	var m []byte
	m = append(m, "\x00asm\x01\x00\x00\x00"...)
	sec := func(id byte, body []byte) {
		m = append(m, id)
		m = append(m, leb(uint64(len(body)))...)
		m = append(m, body...)
	}
	const i32, i64, f64 = 0x7f, 0x7e, 0x7c
	// Types: 0 (i64) → (), 1 (i32 i32 i32) → i64.
	sec(1, []byte{2, 0x60, 1, i64, 0, 0x60, 3, i32, i32, i32, 1, i64})
	// Import env.g: type 0.
	sec(2, []byte{1, 3, 'e', 'n', 'v', 1, 'g', 0, 0})
	sec(3, []byte{1, 1})                          // one function of type 1
	sec(5, []byte{1, 0, 1})                       // memory, one page
	sec(7, []byte{2, 1, 'f', 0, 1, 1, 'm', 2, 0}) // export f (index 1), m
	var b []byte
	b = append(b, 1, 1, i64) // one i64 local
	b = append(b,
		0x02, 0x40, // block
		0x20, 0, 0x45, 0x0d, 0, // local.get 0; i32.eqz; br_if 0
		0x20, 0, 0x20, 1, 0x20, 2, 0xfc, 10, 0, 0, // memory.copy
		0x0b,                                            // end
		0x20, 1, 0x41, 0xab, 0x01, 0x41, 3, 0xfc, 11, 0, // memory.fill (src, 171, 3)
		0x41, 0, 0x42, 0xff, 0xff, 0x03, 0x37, 3, 200, 1, // i64.store offset=200 of 65535
		0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f, 0xfc, 6, // f64 +Inf; i64.trunc_sat_f64_s
		0x10, 0, // call env.g
		0x43, 0, 0, 0xc0, 0x7f, 0xfc, 0, 0xac, // f32 NaN; i32.trunc_sat_f32_s; i64.extend_i32_s
		0x22, 3, // local.tee 3
		0x10, 0, // call env.g
		0x20, 3, 0x41, 0, 0x29, 3, 200, 1, 0x7c, // local.get 3 + i64.load offset=200
		0x0b)
	body := append(leb(uint64(len(b))), b...)
	sec(10, append([]byte{1}, body...))
	return m
}

func runTestModule(t *testing.T, mod []byte) (uint64, []int64, []byte) {
	t.Helper()
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	var got []int64
	if _, err := r.NewHostModuleBuilder("env").NewFunctionBuilder().
		WithFunc(func(v int64) { got = append(got, v) }).Export("g").Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	inst, err := r.Instantiate(ctx, mod)
	if err != nil {
		t.Fatalf("instantiating: %v", err)
	}
	mem := inst.Memory()
	mem.Write(100, []byte("abcdefghij"))
	res, err := inst.ExportedFunction("f").Call(ctx, api.EncodeI32(10), api.EncodeI32(100), api.EncodeI32(7))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := mem.Read(0, 256)
	return res[0], got, append([]byte(nil), out...)
}

func TestOutlineBulkOps(t *testing.T) {
	mod := testModule()
	res, calls, mem := runTestModule(t, mod)
	// The module itself does what it says.
	if want := []int64{math.MaxInt64, 0}; len(calls) != 2 || calls[0] != want[0] || calls[1] != want[1] {
		t.Fatalf("module calls env.g with %v, want %v", calls, want)
	}
	if res != 65535 || string(mem[10:17]) != "abcdefg" || !bytes.Equal(mem[100:104], []byte{0xab, 0xab, 0xab, 'd'}) {
		t.Fatalf("result %d, memory %q", res, mem[:20])
	}

	out, err := outlineBulkOps(mod)
	if err != nil {
		t.Fatal(err)
	}
	res2, calls2, mem2 := runTestModule(t, out)
	if res2 != res || len(calls2) != len(calls) || calls2[0] != calls[0] || calls2[1] != calls[1] || !bytes.Equal(mem2, mem) {
		t.Errorf("rewritten module: result %d calls %v, want %d %v; memory equal: %v", res2, calls2, res, calls, bytes.Equal(mem2, mem))
	}
	// The original function no longer holds an outlined instruction;
	// each helper holds one, and there are four of them.
	bodies := codeBodies(t, out)
	if len(bodies) != 5 {
		t.Fatalf("%d function bodies, want 1 + 4 helpers", len(bodies))
	}
	if n := countOutlined(t, bodies[0]); n != 0 {
		t.Errorf("%d outlined instructions left in the function", n)
	}
	for i, b := range bodies[1:] {
		if n := countOutlined(t, b); n != 1 {
			t.Errorf("helper %d: %d outlined instructions, want 1", i, n)
		}
	}
	// A module with nothing to outline is returned as it is.
	again, err := outlineBulkOps(bodiesFree())
	if err != nil || !bytes.Equal(again, bodiesFree()) {
		t.Errorf("a module without bulk instructions changed (%v)", err)
	}
	if _, err := outlineBulkOps([]byte("not wasm")); err == nil {
		t.Error("no error for bytes that are not WebAssembly")
	}
}

// bodiesFree is a module with one empty function.
func bodiesFree() []byte {
	return []byte("\x00asm\x01\x00\x00\x00" +
		"\x01\x04\x01\x60\x00\x00" + // type () → ()
		"\x03\x02\x01\x00" + // one function
		"\x0a\x04\x01\x02\x00\x0b") // body: no locals, end
}

func codeBodies(t *testing.T, mod []byte) [][]byte {
	t.Helper()
	p := mod[8:]
	for len(p) > 0 {
		id := p[0]
		n, k, err := uleb(p[1:])
		if err != nil {
			t.Fatal(err)
		}
		data := p[1+k : 1+k+int(n)]
		p = p[1+k+int(n):]
		if id != 10 {
			continue
		}
		cnt, k, _ := uleb(data)
		data = data[k:]
		var bodies [][]byte
		for i := uint64(0); i < cnt; i++ {
			size, k, _ := uleb(data)
			bodies = append(bodies, data[k:k+int(size)])
			data = data[k+int(size):]
		}
		return bodies
	}
	t.Fatal("no code section")
	return nil
}

func countOutlined(t *testing.T, b []byte) int {
	t.Helper()
	nLocals, p, _ := uleb(b)
	for j := uint64(0); j < nLocals; j++ {
		_, k, _ := uleb(b[p:])
		p += k + 1
	}
	n := 0
	for p < len(b) {
		k, err := instrLen(b[p:])
		if err != nil {
			t.Fatal(err)
		}
		if b[p] == 0xfc && outlined(b[p:p+k]) {
			n++
		}
		p += k
	}
	return n
}
