//go:build !windows

package main

// ownConsole is false outside Windows: a terminal is the user's, and
// nianbao without arguments says its usage and exits, as ever.
func ownConsole() bool { return false }

// setupConsole: terminals outside Windows take UTF-8 and escape sequences.
func setupConsole() (restore func()) { return func() {} }
