package main

import (
	"os"
	"syscall"
	"unsafe"
)

var (
	kernel32                  = syscall.NewLazyDLL("kernel32.dll")
	procGetConsoleProcessList = kernel32.NewProc("GetConsoleProcessList")
	procGetConsoleOutputCP    = kernel32.NewProc("GetConsoleOutputCP")
	procSetConsoleOutputCP    = kernel32.NewProc("SetConsoleOutputCP")
	procGetConsoleMode        = kernel32.NewProc("GetConsoleMode")
	procSetConsoleMode        = kernel32.NewProc("SetConsoleMode")
)

const (
	cpUTF8                          = 65001
	enableVirtualTerminalProcessing = 0x0004
)

// ownConsole: the console window is nianbao's alone, made for it when
// Explorer started it (a double-click, or files dropped onto the icon),
// and it reads from and writes to that window. Started from cmd.exe or
// PowerShell, the shell shares the console and the count is 2 or more;
// with no console the call fails; a program that runs nianbao with its
// input or output redirected (a script, a scheduled task) gets no pause.
func ownConsole() bool {
	var pids [2]uint32
	n, _, _ := procGetConsoleProcessList.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1 && isConsole(os.Stdout)
}

func isConsole(f *os.File) bool {
	var mode uint32
	r, _, _ := procGetConsoleMode.Call(f.Fd(), uintptr(unsafe.Pointer(&mode)))
	return r != 0
}

// setupConsole makes the console show UTF-8 (Go writes text to a console
// as UTF-16 already; the code page matters for what reads our output
// through a pipe in that console, such as more or findstr) and turns on
// its escape sequences, for the colours of check's text output (Windows
// 10 and later; where that fails, colours are off: NO_COLOR is set).
// The returned func puts the code page back, so that the cmd.exe window
// nianbao ran in is left as it was.
func setupConsole() (restore func()) {
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		var mode uint32
		h := f.Fd()
		if r, _, _ := procGetConsoleMode.Call(h, uintptr(unsafe.Pointer(&mode))); r == 0 {
			continue // not a console
		}
		if r, _, _ := procSetConsoleMode.Call(h, uintptr(mode|enableVirtualTerminalProcessing)); r == 0 {
			os.Setenv("NO_COLOR", "1")
		}
	}
	old, _, _ := procGetConsoleOutputCP.Call()
	if old == 0 || old == cpUTF8 {
		return func() {}
	}
	procSetConsoleOutputCP.Call(cpUTF8)
	return func() { procSetConsoleOutputCP.Call(old) }
}
