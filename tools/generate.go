package tools

// Generate the provider documentation in docs/ from the schema, examples/ and templates/.
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name atlasaccess
