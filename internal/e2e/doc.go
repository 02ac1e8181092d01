// Package e2e holds end-to-end tests that drive the terraform CLI itself
// against the provider binary and an in-process atlassim: what a user sees in
// logs, outputs and after an interrupted apply. It has no non-test code.
package e2e
