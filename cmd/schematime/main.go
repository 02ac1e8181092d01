// Command schematime measures provider start: the time from starting the
// provider binary until it has served its schema over gRPC. It does
// what Terraform does first with a provider (start it, read the go-plugin
// handshake line, connect over gRPC, call GetProviderSchema) and prints the
// median over several runs, in milliseconds, without Terraform's own work
// around it.
//
//	go run ./cmd/schematime [-runs 9] PROVIDER_BINARY
//
// It imports nothing of the provider: it measures any provider binary from
// outside, as Terraform starts it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/mem"
)

// magicCookie is the go-plugin handshake value of Terraform providers.
const magicCookie = "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

func main() {
	runs := flag.Int("runs", 9, "number of runs; the median is printed")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: schematime [-runs N] PROVIDER_BINARY")
	}
	var times []time.Duration
	for range *runs {
		d, size, err := once(flag.Arg(0))
		if err != nil {
			log.Fatal(err)
		}
		if size == 0 {
			log.Fatal("the provider answered GetProviderSchema with an empty message")
		}
		times = append(times, d)
	}
	slices.Sort(times)
	median := times[len(times)/2]
	fmt.Printf("%.1f\n", float64(median.Microseconds())/1000)
}

// once starts the provider, waits for its schema and stops it; it returns the
// time from start to schema and the size of the schema message.
func once(binary string) (time.Duration, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, binary)
	cmd.Env = append(os.Environ(), magicCookie, "PLUGIN_PROTOCOL_VERSIONS=6")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	// CORE-PROTOCOL-VERSION|APP-PROTOCOL-VERSION|NETWORK|ADDRESS|PROTOCOL
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return 0, 0, fmt.Errorf("reading the handshake: %w", err)
	}
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[4] != "grpc" {
		return 0, 0, fmt.Errorf("unexpected handshake %q", line)
	}
	target := parts[3]
	if parts[2] == "unix" {
		target = "unix://" + target
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = conn.Close() }()
	var resp rawMessage
	err = conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", &rawMessage{}, &resp, grpc.ForceCodecV2(rawCodec{}))
	if err != nil {
		return 0, 0, fmt.Errorf("GetProviderSchema: %w", err)
	}
	return time.Since(start), len(resp), nil
}

// rawMessage is a protobuf message kept as bytes: the request
// (GetProviderSchema.Request) has no fields, and only the response's size
// is looked at.
type rawMessage []byte

type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	m, ok := v.(*rawMessage)
	if !ok {
		return nil, errors.New("rawCodec: not a rawMessage")
	}
	return mem.BufferSlice{mem.SliceBuffer(*m)}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	m, ok := v.(*rawMessage)
	if !ok {
		return errors.New("rawCodec: not a rawMessage")
	}
	*m = data.Materialize()
	return nil
}
