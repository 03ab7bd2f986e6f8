// Package style holds the tests that keep the repository's source in the
// shape its readers expect; it has no code of its own.
package style
