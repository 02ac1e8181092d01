// Command terraform-provider-atlasaccess serves the atlasaccess Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	provider.QuietUnrequestedLogs()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/atlasaccess/atlasaccess",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
