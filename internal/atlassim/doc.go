// Package atlassim is a local, in-memory simulator of the parts of the MongoDB
// Atlas Administration API v2 that the atlasaccess Terraform provider uses:
// project and organization service accounts and their secrets, project users
// and invitations, the OAuth2 token endpoint and HTTP digest authentication.
//
// It is an independent implementation of the contract in
// shared/atlas-api/CONTRACT.md and deliberately imports nothing from the rest
// of the repository, so that the provider and the simulator check each other.
//
// Where the contract leaves behaviour open, the simulator makes a choice and
// says so in a comment marked "inference". The error codes it answers with are:
//
//	400 VALIDATION_ERROR            request body or query violates the contract (badRequestDetail lists every field)
//	400 INVALID_JSON                the request body is not JSON
//	400 INVALID_PATH_PARAMETER      a path parameter does not match its pattern
//	400 INVALID_QUERY_PARAMETER     a query parameter is malformed or conflicting
//	400 CANNOT_REMOVE_LAST_ROLE     :removeRole would leave a user without a role (inference)
//	400 INVITATIONS_RATE_LIMITED_IP too many invitations from one client IP
//	401 NOT_AUTHENTICATED           no or invalid credentials (digest challenge attached)
//	401 INVALID_TOKEN               unknown or revoked bearer token
//	401 TOKEN_EXPIRED               expired bearer token
//	404 RESOURCE_NOT_FOUND          unknown path
//	404 GROUP_NOT_FOUND, ORG_NOT_FOUND, SERVICE_ACCOUNT_NOT_FOUND,
//	    SERVICE_ACCOUNT_SECRET_NOT_FOUND, USER_NOT_FOUND, INVITATION_NOT_FOUND
//	405 METHOD_NOT_ALLOWED          known path, unsupported method
//	406 INVALID_VERSION_DATE        Accept names no served version of the operation
//	409 SERVICE_ACCOUNT_ALREADY_IN_GROUP, USER_ALREADY_IN_GROUP (inference)
//	429 RATE_LIMITED                injected fault (Retry-After: 1)
//	500 UNEXPECTED_ERROR, 502 BAD_GATEWAY, 503 SERVICE_UNAVAILABLE, 504 GATEWAY_TIMEOUT (injected faults)
package atlassim
