// Package pluginprocess holds the process-level workarounds of the provider
// binary: settings and wrappers that sit around terraform-plugin-framework
// rather than inside the provider, each because of a cost measured in this
// repository (BENCHMARKS.md). main.go applies them before serving; each
// file names the upstream behaviour it works around, so that a workaround
// can be dropped once upstream no longer needs it.
//
//   - ReleaseRequestContexts (contexts.go): the framework keeps every
//     request's context until StopProvider. The wrapper forwards every
//     optional server interface of terraform-plugin-go (list resources,
//     actions, state stores; optional.go), so it hides nothing tf6server
//     looks for.
//   - QuietUnrequestedLogs (logging.go): the framework builds its logs even
//     when Terraform will throw them away.
//   - TuneGarbageCollector (gc.go): a garbage-collector target for a
//     short-lived, allocation-heavy process.
package pluginprocess
