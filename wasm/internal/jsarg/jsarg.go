//go:build js && wasm

// Package jsarg reads the arguments JavaScript passes to the browser
// modules' functions, forgiving what is missing or of the wrong type.
package jsarg

import "syscall/js"

// String returns args[i] as a string ("" when missing or not a string).
func String(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}

// Int returns args[i] as an int (0 when missing or not a number).
func Int(args []js.Value, i int) int {
	if i < len(args) && args[i].Type() == js.TypeNumber {
		return args[i].Int()
	}
	return 0
}
