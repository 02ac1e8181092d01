package client

import (
	"errors"
	"fmt"
	"strings"
)

// CredentialSet is one way of authenticating to Atlas. The rules about sets
// live here once, for the client and for the provider configuration: a set
// is complete when every part is given, a set with only some parts is an
// error, and a configuration uses exactly one complete set. Where several
// sources may offer sets (the provider's environment), they are taken in the
// order of credentialSets.
type CredentialSet int

const (
	// AccessTokenSet is Config.AccessToken: a bearer token obtained elsewhere.
	AccessTokenSet CredentialSet = iota
	// ClientCredentialsSet is Config.ClientID and Config.ClientSecret: OAuth2
	// client credentials of a service account.
	ClientCredentialsSet
	// APIKeySet is Config.PublicKey and Config.PrivateKey: a programmatic API
	// key used with HTTP digest.
	APIKeySet
)

// credentialSets lists every set in order of precedence: an access token,
// then client ID and secret, then API keys.
func credentialSets() []CredentialSet {
	return []CredentialSet{AccessTokenSet, ClientCredentialsSet, APIKeySet}
}

// partNames are the parts of each set as the client's messages name them,
// in the order of Values.
var partNames = map[CredentialSet][]string{
	AccessTokenSet:       {"access token"},
	ClientCredentialsSet: {"client ID", "client secret"},
	APIKeySet:            {"public key", "private key"},
}

// Values returns the parts of s in cfg, in a fixed order: the token; the
// client ID and the secret; the public and the private key.
func (s CredentialSet) Values(cfg Config) []string {
	switch s {
	case AccessTokenSet:
		return []string{cfg.AccessToken}
	case ClientCredentialsSet:
		return []string{cfg.ClientID, cfg.ClientSecret}
	case APIKeySet:
		return []string{cfg.PublicKey, cfg.PrivateKey}
	}
	return nil
}

// Keep returns cfg with the credentials of every other set cleared.
func (s CredentialSet) Keep(cfg Config) Config {
	out := cfg
	out.AccessToken, out.ClientID, out.ClientSecret, out.PublicKey, out.PrivateKey = "", "", "", "", ""
	switch s {
	case AccessTokenSet:
		out.AccessToken = cfg.AccessToken
	case ClientCredentialsSet:
		out.ClientID, out.ClientSecret = cfg.ClientID, cfg.ClientSecret
	case APIKeySet:
		out.PublicKey, out.PrivateKey = cfg.PublicKey, cfg.PrivateKey
	}
	return out
}

// PartialSet is a credential set of which only some parts are given.
type PartialSet struct {
	Set CredentialSet
	// Missing holds the indexes, into Set.Values, of the parts not given.
	Missing []int
}

// Credentials says which credential sets a configuration gives.
type Credentials struct {
	// Complete lists the sets whose parts are all given, in order of
	// precedence: access token, client ID and secret, API keys.
	Complete []CredentialSet
	// Partial lists the sets of which some parts, not all, are given.
	Partial []PartialSet
}

// InspectCredentials sorts the credential sets of cfg into complete and
// partial ones. A configuration is usable when Partial is empty and Complete
// holds exactly one set; CheckCredentials says so with an error.
func InspectCredentials(cfg Config) Credentials {
	var c Credentials
	for _, s := range credentialSets() {
		var missing []int
		for i, v := range s.Values(cfg) {
			if v == "" {
				missing = append(missing, i)
			}
		}
		switch {
		case len(missing) == 0:
			c.Complete = append(c.Complete, s)
		case len(missing) < len(s.Values(cfg)):
			c.Partial = append(c.Partial, PartialSet{Set: s, Missing: missing})
		}
	}
	return c
}

// CheckCredentials returns an error unless cfg gives exactly one complete
// credential set and no partial one.
func CheckCredentials(cfg Config) error {
	c := InspectCredentials(cfg)
	if len(c.Partial) > 0 {
		names := partNames[c.Partial[0].Set]
		return fmt.Errorf("atlas client: %s must be given together", strings.Join(names, " and "))
	}
	switch len(c.Complete) {
	case 0:
		return errors.New("atlas client: no credentials given; set client ID and client secret, public key and private key, or an access token")
	case 1:
		return nil
	default:
		return errors.New("atlas client: more than one credential set given; set exactly one of client ID and client secret, public key and private key, or an access token")
	}
}
