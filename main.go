// Command terraform-provider-atlasaccess serves the atlasaccess Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/pluginprocess"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	pluginprocess.QuietUnrequestedLogs()
	pluginprocess.TuneGarbageCollector()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	servers := provider.NewServers(version)
	err := tf6server.Serve("registry.terraform.io/atlasaccess/atlasaccess", func() tfprotov6.ProviderServer {
		server, err := servers.New()
		if err != nil {
			log.Fatal(err)
		}
		return server
	}, opts...)
	// Serve returns when Terraform stops the provider.
	revokeCtx, cancel := context.WithTimeout(context.Background(), provider.RevokeTimeout)
	if err := servers.Close(revokeCtx); err != nil {
		log.Printf("[WARN] revoking the provider's OAuth tokens: %v", err)
	}
	cancel()
	if err != nil {
		log.Fatal(err)
	}
}
