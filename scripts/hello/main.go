//go:build bench

// Command hello is a plain hello-world, the cost of starting any Go
// program on this machine; scripts/bench.sh reports it beside jewelguide
// and the floor. It is not part of the jewelguide binary.
package main

import "fmt"

func main() { fmt.Println("hello, world") }
