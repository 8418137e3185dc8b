// Package testonly has assembly for functions that only its tests
// declare.
package testonly
