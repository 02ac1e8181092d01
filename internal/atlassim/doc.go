// Package atlassim is a local, in-memory simulator of the parts of the MongoDB
// Atlas Administration API v2 that the atlasaccess Terraform provider uses:
// project and organization service accounts, their secrets and API access
// lists, project users and invitations, organization users, teams and
// their project roles, the OAuth2 token endpoint and HTTP digest
// authentication.
//
// It is written from the API contract, not from the provider, and imports
// nothing from the rest of the repository, so that the provider and the
// simulator check each other. "The contract" means the official OpenAPI spec,
// openapi/v2.yaml of github.com/mongodb/openapi (every API version side by
// side, keyed by media type), together with the MongoDB documentation pages on
// service accounts, OAuth tokens and rate limits. testdata/openapi.yaml is the
// excerpt of that spec for the paths below, and the tests check every answer
// of the simulator against its schemas. This comment is the maintainer's
// summary of that contract: what the spec says, which behaviour it leaves
// open, and what the simulator does there. Where Atlas's behaviour is
// observed rather than documented, it says so.
//
// # Operations and media types
//
// Every path starts with /api/atlas/v2. Requests name a version with
// Accept: application/vnd.atlas.YYYY-MM-DD+json; success answers carry the
// same media type, error answers are application/json. The operations served,
// and the versions the simulator serves them in:
//
//	2024-08-05  service accounts (project)
//	            GET, POST              /groups/{groupId}/serviceAccounts
//	            GET, PATCH, DELETE     /groups/{groupId}/serviceAccounts/{clientId}
//	            POST                   /groups/{groupId}/serviceAccounts/{clientId}:invite
//	            POST                   /groups/{groupId}/serviceAccounts/{clientId}/secrets
//	            DELETE                 /groups/{groupId}/serviceAccounts/{clientId}/secrets/{secretId}
//	            GET, POST              /groups/{groupId}/serviceAccounts/{clientId}/accessList
//	            DELETE                 /groups/{groupId}/serviceAccounts/{clientId}/accessList/{ipAddress}
//	2024-08-05  service accounts (organization)
//	            GET, POST              /orgs/{orgId}/serviceAccounts
//	            GET, PATCH, DELETE     /orgs/{orgId}/serviceAccounts/{clientId}
//	            GET                    /orgs/{orgId}/serviceAccounts/{clientId}/groups
//	            POST                   /orgs/{orgId}/serviceAccounts/{clientId}/secrets
//	            DELETE                 /orgs/{orgId}/serviceAccounts/{clientId}/secrets/{secretId}
//	            GET, POST              /orgs/{orgId}/serviceAccounts/{clientId}/accessList
//	            DELETE                 /orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}
//	2025-02-19  project users
//	            GET, POST              /groups/{groupId}/users
//	            GET, DELETE            /groups/{groupId}/users/{userId}   (DELETE also 2023-01-01)
//	            POST                   /groups/{groupId}/users/{userId}:addRole, :removeRole
//	2025-02-19  organization users
//	            GET, POST              /orgs/{orgId}/users
//	            GET, PATCH, DELETE     /orgs/{orgId}/users/{userId}   (DELETE also 2023-01-01)
//	            POST                   /orgs/{orgId}/users/{userId}:addRole, :removeRole
//	2023-01-01  teams
//	            GET, POST              /orgs/{orgId}/teams
//	            GET, PATCH, DELETE     /orgs/{orgId}/teams/{teamId}
//	            GET                    /orgs/{orgId}/teams/byName/{teamName}
//	2025-02-19  team members
//	            GET                    /orgs/{orgId}/teams/{teamId}/users (2023-01-01 too, deprecated)
//	            POST                   /orgs/{orgId}/teams/{teamId}:addUser, :removeUser
//	2023-01-01  team project roles
//	            GET, POST              /groups/{groupId}/teams
//	            GET, PATCH, DELETE     /groups/{groupId}/teams/{teamId}
//	2023-01-01  projects               GET /groups/{groupId}
//	2023-02-01  deprecated             POST /groups/{groupId}/access
//	2023-01-01  deprecated             GET, DELETE /orgs/{orgId}/invites/{invitationId}
//
// In the spec but not served: organization settings, rate-limit discovery, the
// deprecated /groups/{groupId}/invites and /groups/{groupId}/users/{userId}/roles
// operations, the legacy 2023-01-01 version of the users lists (active
// users only, another schema), and the deprecated team-member operations
// (POST /orgs/{orgId}/teams/{teamId}/users, DELETE .../users/{userId}) and
// PUT /orgs/{orgId}/users/{userId}/roles, which sunset on 2027-07-01.
//
// Success codes follow the spec: creating an account or a secret and adding a
// user (project or organization) answer 201; creating a team answers 200
// (not 201: the spec says so), as do :invite, :addRole, :removeRole,
// :addUser, :removeUser, PATCH, adding teams to a project, adding access-list
// entries and the deprecated /access; every DELETE answers 204 with no body.
//
// The spec does not say which version answers an Accept date that no version
// of the operation has exactly. The simulator serves the newest version not
// later than the requested date (2025-03-12 on a service-account path gets
// 2024-08-05) and answers 406 INVALID_VERSION_DATE "Invalid accept header or
// version date." (Atlas's words, observed; the spec declares no 406) when the
// Accept header names no version or a date before every version of the
// operation.
//
// # Identifiers, names and roles
//
// From the spec's patterns:
//   - groupId, orgId, userId, invitationId and secret IDs: 24 lowercase hex
//     digits, ^([a-f0-9]{24})$ (the spec gives the secretId path parameter
//     no pattern; the simulator holds it to this one).
//   - Team IDs are shaped like Atlas's, which are MongoDB ObjectIds: the
//     first 4 bytes are the creation time by the simulator's clock, in Unix
//     seconds, and the other 8 come from the seed and a counter. A client
//     may read a team's creation second from its ID (a team carries no
//     createdAt). Other IDs are hashes of the seed and the counter, so that
//     the fixtures' IDs are the same for a seed on every run.
//   - clientId: ^mdb_sa_id_[a-fA-F\d]{24}$. Secrets are "mdb_sa_sk_" and a
//     random string. The spec says the plaintext secret is "returned only
//     the first time after creation": the answer that created it (the
//     account's first secret, or a new secret) carries secret and, as Atlas
//     answers, no maskedSecretValue; every read carries maskedSecretValue
//     and never the plaintext. The simulator does both. Secrets are listed
//     oldest first.
//   - Service-account name: 1 to 64 characters; description: 1 to 250; both
//     ^[\p{L}\p{N}\-_.,' ]*$ (letters, digits, spaces and -_.,').
//   - secretExpiresAfterHours: an integer above 0, bounded by the
//     organization setting maxServiceAccountSecretValidityInHours (8 to
//     8760); the docs say 8 hours to 365 days. The simulator has no
//     organization settings and accepts 8 to 8760; anything else is a 400
//     INVALID_ATTRIBUTE naming secretExpiresAfterHours ("must be between
//     8 and 8760 hours"), on an account create and on a new secret alike.
//   - Human usernames are email addresses.
//
// Project roles are plain strings in the current spec: it dropped the role
// enums in early 2026, and its operations require project roles by display
// names the last enum lacked ("Project Access Manager", "Project Network
// Access Manager" and others, in x-rolesRequirements). The MongoDB page
// "Atlas User Roles" gives their API names. DefaultRoles holds the 11 values
// of the last enum and the 13 roles that both name (GROUP_ACCESS_MANAGER,
// GROUP_NETWORK_ACCESS_MANAGER, GROUP_REPLICA_SET_MANAGER, ...); Atlas may
// accept more. Options.Roles (flags -roles, or -extra-roles on top of the
// defaults) sets the list, so that tests can stand for roles Atlas adds
// later. Another value, or a duplicate, is a 400 whose badRequestDetail
// names the role. Which error code Atlas gives an unknown role is not
// documented; the simulator answers it as any other invalid body field
// (see Error codes). Organization roles are
// still an enum: ORG_OWNER, ORG_MEMBER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN,
// ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY. An
// account created in a project is an ORG_MEMBER of its organization, as the
// spec says.
//
// Each operation names a required role (x-rolesRequirements). The fixture
// credentials are an Organization Owner and may do anything. An account
// created through the API signs in with its own roles: Project Read Only
// needs any role in the project, Project Owner needs GROUP_OWNER, Project
// Access Manager (issuing a secret) needs GROUP_ACCESS_MANAGER or
// GROUP_OWNER (the spec gives only the display name; the API role name is
// from Atlas's user-roles reference), Organization Read Only needs
// ORG_READ_ONLY, Organization Owner needs
// ORG_OWNER. The spec lists both 401 and 403 on every operation without
// saying which a missing role gets. Atlas answers valid credentials that lack
// the role with 401 USER_UNAUTHORIZED and the detail "Current user is not
// authorized to perform this action." (observed in MongoDB's CI reports for
// the official provider), keeping 403 for other denials such as a caller
// outside the API access list. The simulator answers a missing role the same
// way, and 403 only to a caller outside an access list (see API access
// lists). A client must not
// take this 401 for a rejected token: a new token gets the same answer.
//
// # Errors, pagination, envelope and pretty
//
// Every error is an ApiError: {"error": HTTP status, "errorCode": string,
// "detail": string, "reason": HTTP reason phrase, "badRequestDetail":
// {"fields": [{"field", "description"}]}}; error and errorCode are required.
// A 400 lists every violation in badRequestDetail.fields, not only the first
// (MongoDB's API guidelines ask for that), but errorCode, detail and
// parameters are those of the first violation, with Atlas's per-attribute
// codes (observed): INVALID_ATTRIBUTE "Invalid attribute X specified." (a bad
// value or an attribute the operation does not take), MISSING_ATTRIBUTE "The
// required attribute X was not specified." and INVALID_JSON_ATTRIBUTE
// "Received JSON for the X attribute does not match expected format." (a
// value of the wrong JSON type). "parameters" is always present, [] when
// there are none: the spec types its items as objects, but Atlas sends
// scalars (its rate-limit documentation shows ["api/atlas/v2/orgs",55,10,5,60]),
// and so does the simulator; the contract test lists this exception.
//
// Lists are {"results": [...], "totalCount": n, "links": [{"href", "rel"}]}.
// results is always present, [] when empty. itemsPerPage and pageNum follow
// the spec's parameter definitions: itemsPerPage an integer from 1 to 500
// (default 100), pageNum from 1 (default 1); anything else, 0 included, is a
// 400 INVALID_QUERY_PARAMETER naming the parameter. links holds
// "self", "next" only when there is a next page, and "previous" after the
// first page. includeCount=false leaves totalCount out; the service-account
// lists take no includeCount and always count. The users list returns ACTIVE
// and PENDING users unless orgMembershipStatuses (repeated or
// comma-separated) says otherwise, and filters by username ignoring case.
//
// envelope=true wraps a single resource as {"status": code, "content": ...}
// and adds "status" beside "results" in a list. The spec does not say whether
// the HTTP status changes or errors are wrapped: the simulator keeps the real
// status and never wraps an error. pretty=true indents the JSON. Every 2xx
// carries RateLimit-Limit and RateLimit-Remaining, with nominal values: the
// simulator limits no API path by default (only the token endpoint, below;
// -api-rate-limit turns on the token bucket of "Administration API rate
// limits").
//
// # Service accounts
//
// POST /orgs/{orgId}/serviceAccounts creates an organization account
// (OrgServiceAccountRequest: name, description, roles and
// secretExpiresAfterHours, all required, as for a project account) in no
// project, answered 201 with its first secret in plaintext; PATCH
// /orgs/{orgId}/serviceAccounts/{clientId} changes name, description and
// roles, each optional, answered 200. Their roles are organization roles,
// the spec's enum, at least one and none twice (the update's schema sets no
// minItems; the simulator refuses an empty list there as it does for
// project roles, our choice, since an account always has a role). Both need
// Organization Owner.
//
// DELETE /groups/{groupId}/serviceAccounts/{clientId} does not delete the
// account. The spec says it removes the account from the project; the
// account stays in the organization and its secrets keep working until they
// expire or are revoked. Only DELETE /orgs/{orgId}/serviceAccounts/{clientId}
// deletes it, after which its tokens are refused. :invite puts an existing
// organization account into a project with project roles. The spec lists no
// 409 there and does not say what :invite of an account already in the
// project does. Options.InviteExistingAccount (-invite-existing-account)
// offers both plausible answers: 409 SERVICE_ACCOUNT_ALREADY_IN_GROUP (the
// default, since roles are changed with PATCH) or 200 replacing the roles.
// Issuing a new secret shortens the account's older secrets: one set to
// expire more than 7 days after the new secret's creation now expires 7
// days after it; one due sooner keeps its date. The MongoDB tutorial
// "Rotate Service Account Secrets" (docs/atlas/tutorial/rotate-service-
// account-secrets) documents this for the UI and the API procedure alike.
// The simulator applies it to every new secret (POST .../secrets, project
// or organization), so a secret's lifetime on a read is not always the one
// it was created with. The token endpoint refuses an expired secret, by the
// simulator's clock (see Atlas's clock), as it refuses a wrong one.
//
// How many secrets one account may hold is documented nowhere we found:
// not the spec (secrets has uniqueItems but no maxItems), not the
// service-account, rotation or limits pages, not the official provider
// (whose rotation guide keeps two at a time) nor the SDK. Our choice is a
// limit of DefaultMaxSecrets (10) per account, counting every secret it
// still holds, expired ones included since Atlas still lists them;
// Options.MaxSecrets (-max-secrets; negative for none) sets it, so the
// provider can be tested against a tight limit such as 2. A POST
// .../secrets beyond it answers 400 (the operation declares 400 and no 409)
// SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED, a code of our choosing, detail
// "Service Account <clientId> already has the maximum of <n> secrets.
// Delete a secret before creating another.", parameters [clientId, n].
//
// # API access lists
//
// Spec: GET and POST .../serviceAccounts/{clientId}/accessList and DELETE
// .../accessList/{ipAddress}, under /groups/{groupId} and /orgs/{orgId}.
// POST takes a JSON array of at most 200 ServiceAccountIPAccessListEntry,
// each with ipAddress or cidrBlock, "but not both", and answers 200 (not
// 201) with the list, paginated (itemsPerPage, pageNum, includeCount, as
// the list); DELETE takes an address or a block with "/" written %2F and
// answers 204; "You can't remove the requesting IP address from the access
// list." Project Read Only reads the project path, Project Access Manager
// (GROUP_ACCESS_MANAGER or GROUP_OWNER) changes it; Organization Read Only
// and Organization Owner on the organization path. The spec's info says
// "the token can be created from any IP address, but the API call that uses
// the token must originate from an allowed IP".
//
// Choices where no source says more:
//   - One list per account: the project and the organization path read
//     and write the same list (the list fences the account's credentials,
//     which are the account's, not a project's); the project path needs the
//     account in that project (404 SERVICE_ACCOUNT_NOT_FOUND otherwise).
//   - Validation: the spec's ipAddress pattern has a look-ahead, which Go's
//     regexp lacks, and its alternation is anchored at one end only, so the
//     simulator checks with net/netip what the patterns mean: ipAddress is
//     one IPv4 address in dotted decimal (no leading zeros) or one IPv6
//     address in the pattern's form, eight groups of lowercase hex (no
//     "::"; use cidrBlock for that); cidrBlock is an IPv4 or IPv6 network,
//     "/" or "%2F" before a prefix length within the family's bits,
//     lowercase hex. Host bits may be set (the pattern allows
//     10.0.0.1/24); the block then stands for its network. A violation is
//     a 400 with Atlas's per-attribute codes, its field "[i].ipAddress" or
//     "[i].cidrBlock"; a body that is not an array is 400 INVALID_JSON; more
//     than 200 entries is 400 VALIDATION_ERROR. An empty array adds nothing
//     and answers 200. Nothing is added unless the whole body is valid.
//   - Form: an entry reads back as it was added, with the one field and
//     the value it was given (10.0.0.1 stays an ipAddress, not
//     10.0.0.1/32). Atlas's project IP access list shows a single address
//     both ways; Options.AccessListForm "both" (-access-list-form) does
//     that, IPv6 addresses in the eight-group form.
//   - Duplicates: an entry is the network it stands for, so 10.0.0.1 and
//     10.0.0.1/32 are one entry. The spec lists a 409 for POST without its
//     cause; adding an entry the list holds (or twice in one body) answers
//     409 DUPLICATE_ACCESS_LIST_ENTRY, detail "The access list of Service
//     Account <clientId> already has an entry for <entry>.", and adds
//     nothing (the default), or with Options.AccessListDuplicate "200"
//     (-access-list-duplicate) keeps the existing entry unchanged and adds
//     the rest. A DELETE names an entry by the value it was added with or by
//     the same network (10.0.0.1%2F32 removes 10.0.0.1); an unknown one is
//     404 ACCESS_LIST_ENTRY_NOT_FOUND, a malformed one 400
//     INVALID_PATH_PARAMETER.
//   - createdAt is set when the entry is added; requestCount (always
//     present, 0 at first), lastUsedAddress and lastUsedAt (absent until
//     used) count the account's API calls through the entry, the most
//     specific one holding the caller's address; Atlas updates them "with a
//     delay of up to 5 minutes", the simulator at once (and saves them to
//     the state file with the next change).
//   - The requesting address: a DELETE by the service account itself of an
//     entry holding the address its request comes from answers 400 (the
//     DELETE's one declared extra error) CANNOT_REMOVE_REQUESTING_IP_ADDRESS
//     (a code of our choosing), detail "Cannot remove access list entry <e>
//     of Service Account <clientId>: it contains the requesting IP address
//     <ip>.". Other callers, such as the fixture credentials, may remove it.
//
// Enforcement: a bearer token of a service account whose list has entries
// is accepted only from an address inside one of them (the caller's address
// is r.RemoteAddr, IPv4-mapped IPv6 unmapped: a loopback caller is
// 127.0.0.1 or ::1); an empty list restricts nothing, and the token and
// revoke endpoints accept any address. Otherwise the answer is Atlas's,
// observed in the error bodies public Atlas clients quote and handle: 403
// IP_ADDRESS_NOT_ON_ACCESS_LIST, detail "IP address <ip> is not allowed to
// access this resource.", parameters [<ip>]. The official provider and SDK
// do not name the code. The fixture credentials and API keys have no list.
//
// # Project IP access list
//
// Spec (2023-01-01): GET and POST /groups/{groupId}/accessList, GET and
// DELETE .../accessList/{entryValue}, GET .../{entryValue}/status
// (projectaccess.go). POST takes a JSON array of NetworkPermissionEntry,
// each with exactly one of ipAddress, cidrBlock and awsSecurityGroup, an
// optional comment (maxLength 80, counted in characters) and an optional
// deleteAfterDate ("later than the current date but no later than one week
// after you submit this request"; "You cannot set AWS security groups as
// temporary access list entries"), and answers 200 with the whole list,
// paginated. {entryValue} is an address, a block with "/" written %2F, or
// a security group; an unknown one is 404
// ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND (the code Atlas sends), a
// malformed one 400 INVALID_PATH_PARAMETER. Reads need any project role,
// writes Project Network Access Manager (GROUP_NETWORK_ACCESS_MANAGER or
// GROUP_OWNER). The status is {"STATUS": "PENDING" | "ACTIVE"}.
//
// Choices where no source says more:
//   - Form: Atlas keeps the network, not the spelling: a single address
//     reads back with both ipAddress and its /32 or /128 cidrBlock however
//     it was added (as the official provider observes), IPv6 in the
//     eight-group form that the spec's patterns accept. Validation of
//     ipAddress and cidrBlock is that of the API access lists above.
//   - Re-adding: POST is an upsert, as Atlas is observed to behave (the
//     official provider updates a comment by POSTing the entry again, and
//     documents that a duplicate entry "will result in a successful
//     resource creation associated to the existing entry"): an entry
//     already held (10.0.0.1 and 10.0.0.1/32 are one) takes the posted
//     comment and deleteAfterDate (absent clears them) and keeps its
//     status; nothing answers 409.
//   - Status: a new entry answers PENDING to its first
//     Options.IPAccessPendingReads status reads (default 1; negative none),
//     then ACTIVE; one minute after it was added by Atlas's clock it is
//     ACTIVE whatever was read, so moving the clock activates it. FAILED is
//     never answered.
//   - Concurrent POSTs: the spec says the endpoint "doesn't support
//     concurrent POST requests". A POST that arrives while another POST for
//     the same project is being processed changes nothing and is answered
//     500 UNEXPECTED_ERROR. The status is what Atlas is observed to send
//     (the official provider retries the POST on HTTP 500 for exactly this
//     limitation); the errorCode and detail are our choice. POSTs for other
//     projects are not affected. SetIPAccessPostHook lets a test act while
//     a POST is in flight.
//   - Not simulated: Atlas's reads lag its writes. The official provider
//     retries GET .../accessList/{entryValue} answered 404 or 500 for two
//     minutes after a successful POST, and after a DELETE reads the entry
//     again until it is gone (internal/service/projectipaccesslist/
//     resource_project_ip_access_list.go: createEntry,
//     isEntryInProjectAccessList, Delete). The simulator's reads see every
//     write at once; a client proven only against it is not proven against
//     that lag.
//   - Temporary entries: an entry whose deleteAfterDate has passed by
//     Atlas's clock is gone from every read and cannot be deleted (404).
//   - AWS security groups need "Virtual Private Connection (VPC) peering";
//     the simulator serves no network peering, so by default every project
//     is taken to have an AWS peering container, and
//     Options.IPAccessNoAWSPeering refuses every security group with 400
//     NO_AWS_NETWORK_PEERING (our code). A group is "sg-" and 8 or 17
//     lowercase hex digits, optionally after a 12-digit AWS account ID and
//     "/" (the spec's own pattern is unanchored; ours).
//
// # Project users and invitations
//
// A user's orgMembershipStatus is PENDING (invited), ACTIVE (member),
// INVITATION_EXPIRED or INVITATION_REJECTED. ACTIVE users carry createdAt,
// firstName and lastName; the others carry invitationCreatedAt,
// inviterUsername and invitationExpiresAt, which is null when rejected.
// POST /groups/{groupId}/users, as the spec describes it:
//   - A PENDING or ACTIVE user of that username already in the project: 409
//     (USER_ALREADY_IN_GROUP).
//   - An ACTIVE organization member: added to the project at once.
//   - A user PENDING through another project: the invitation is extended to
//     this project.
//   - Anyone else: a new PENDING user with a new ID; an expired or rejected
//     user of that username is replaced.
//
// Choices the spec leaves to the simulator: an invitation expires 30 days
// after it is sent (a PENDING user past that date reads as
// INVITATION_EXPIRED); removing a user who never accepted from their last
// project cancels the invitation; :addRole of a role the user has and
// :removeRole of one they lack are no-ops. The spec says only that a user
// always has a role, and lists 400 and 409 for :removeRole: removing the last
// role answers as Options.RemoveLastRole (-remove-last-role) says, 400
// CANNOT_REMOVE_LAST_ROLE (the default), 409 with that code, or 200 with the
// user removed from the project.
// The deprecated POST /groups/{groupId}/access answers 204 for an active
// organization member and otherwise 200 with the organization invitation,
// which GET and DELETE /orgs/{orgId}/invites/{invitationId} read and cancel.
//
// Atlas limits new invitations per client IP address. This is observed, not
// in the spec: about 10 a minute, answered with 400 (not 429)
// INVITATIONS_RATE_LIMITED_IP and no Retry-After. Since Atlas moved its API to
// token-bucket limits answered 429 in 2026 it may answer this one so too:
// Options.InvitationLimit (-invitation-limit) answers 400 (the default), 429
// INVITATIONS_RATE_LIMITED_IP with Retry-After, or 429
// RATE_LIMITED_TOKEN_BUCKET as below. The simulator counts only
// requests that create a new invitation, 10 per minute per client IP by
// default (Options.InviteRateLimit and InviteRateWindow; negative disables).
//
// # Organization users and teams
//
// POST /orgs/{orgId}/users (OrgUserRequest) invites a person: username (an
// email), roles.orgRoles (the organization-role enum, at least one, none
// twice) and, optional, roles.groupRoleAssignments ([{groupId, groupRoles}],
// direct project roles) and teamIds. As the spec says, a PENDING or ACTIVE
// user of that username is a 409 (USER_ALREADY_IN_ORG, our code), an
// INVITATION_EXPIRED or INVITATION_REJECTED one is replaced by a new user
// with a new ID, and the invitation lasts 30 days; it counts against the
// invitation limit. The new user is PENDING, already in the projects and
// teams named; POST /__atlassim/users/accept makes them ACTIVE with the same
// ID. An unknown project or team is a 404 (GROUP_NOT_FOUND, TEAM_NOT_FOUND)
// and creates nothing. The answer is an OrgUserResponse: roles.orgRoles
// (ORG_MEMBER for a person who came in through a project invitation),
// roles.groupRoleAssignments (projects in ID order), teamIds (teams in
// creation order) and the fields of GroupUserResponse for the status.
// GET /orgs/{orgId}/users lists every user, ACTIVE and PENDING unless
// orgMembershipStatuses says otherwise, in the order they were added; GET
// /orgs/{orgId}/users/{userId} takes the same filter, so an expired
// invitation is a 404 USER_NOT_FOUND unless asked for. PATCH replaces what
// its body names (the spec: "Supplying a field with an empty value will
// reset that field"): roles.orgRoles (required inside roles),
// roles.groupRoleAssignments (the whole set of direct project roles:
// projects left out lose them; our reading) and teamIds (exactly those
// teams). :addRole and :removeRole take {"orgRole"}; adding a role the user
// has and removing one they lack are no-ops answered 200 (our choice; :addRole
// declares a 409 without its cause); removing the last role is 400
// CANNOT_REMOVE_LAST_ROLE whatever Options.RemoveLastRole says (the spec
// declares no 409 there). DELETE removes the person from the organization:
// from every project and every team too, and a pending invitation is
// cancelled. DELETE is also served in version 2023-01-01, which the spec
// lists beside 2025-02-19 and where "only active users can be removed": a
// PENDING user is a 404 USER_NOT_FOUND there. Removing a person invited through the organization from their
// last project does not cancel their invitation (unlike a project
// invitation).
//
// POST /orgs/{orgId}/teams (Team: name and usernames, both required;
// usernames may be empty) creates a team; every username must be ACTIVE or
// PENDING in the organization, otherwise 400 USER_NOT_IN_ORG (the code the
// spec names for :addUser) and nothing is created. Atlas allows 250 teams
// per organization (the spec); the 251st is 400 MAX_TEAMS_PER_ORG_EXCEEDED
// (our code). A team name is unique in the organization, compared exactly
// (case-sensitive, our choice; byName looks it up the same way): a create or
// a rename (PATCH, TeamUpdate {name}) to another team's name is 409
// DUPLICATE_TEAM_NAME (our code); names are 1 to 255 characters, not blank
// (the spec sets no bound; our choice). The create answers a Team with
// usernames; GET, PATCH and byName a TeamResponse (id, name, links), lists
// in creation order. Members: GET .../teams/{teamId}/users lists them as
// OrgUserResponse (filters as the organization list, and userId, a query
// parameter the spec gives this list: that member alone); in version
// 2023-01-01 (deprecated, what the official provider's mongodbatlas_team
// reads) as CloudAppUser, the ACTIVE members only, as the spec says, with
// the filters it marks "Not supported in deprecated versions" ignored (our
// choice), no password (Atlas never returns it) and a fixture country and
// mobile number, required there, that the simulator's people all share. :addUser and
// :removeUser take {"id": userId}. An unknown user is 404 USER_NOT_FOUND; an
// expired or rejected one 400 USER_NOT_IN_ORG, as the spec says; adding a
// member or removing a non-member is a no-op answered 200 with the user (our
// choice: neither operation declares a 409).
//
// A team deleted while it holds roles in a project: the spec does not say.
// Atlas refuses ("team ... is assigned to a project. Remove it from all
// projects before delete", reported against the Atlas Kubernetes operator,
// mongodb/mongodb-atlas-kubernetes#2872) with errorCode
// CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT: the official provider's team
// delete (internal/service/team/resource_team.go, resourceDelete) tests
// for that code, removes the team from its project and tries again. The
// simulator answers 400 with that code (the status is our choice: DELETE
// declares 400 and no 409, and no source gives Atlas's) and deletes
// nothing, unless Options.DeleteAssignedTeam
// (-delete-assigned-team) is "unassign": then the team goes with its
// project roles.
//
// Team project roles: POST /groups/{groupId}/teams takes a JSON array of
// TeamRole {teamId, roleNames} (project roles, at least one, none twice; a
// team twice in one body is a 400) and answers 200 with every team of the
// project (PaginatedTeamRoleView, all on one page). A team already in the
// project gets the roles given (the operation declares no 409; our choice).
// Atlas allows 100 teams per project (the spec); a POST that would pass it is
// 400 MAX_TEAMS_PER_GROUP_EXCEEDED (our code) and assigns nothing, nor does
// one naming an unknown team (404 TEAM_NOT_FOUND). PATCH
// /groups/{groupId}/teams/{teamId} replaces the roles; its body is a
// TeamRole, whose teamId the spec requires but the simulator lets the path
// give (when present it must be the path's team); it answers, as the spec
// says, a PaginatedTeamRoleView: every team of the project. GET and DELETE
// read and remove one team's roles in the project; a team not assigned there
// is 404 TEAM_NOT_FOUND. Removing a team from a project leaves it in the
// organization.
//
// Direct and team project roles are separate grants. A person's direct
// project roles are those of POST /groups/{groupId}/users (or
// roles.groupRoleAssignments); a team's are those of /groups/{groupId}/teams,
// and reach its members. The answers tell them apart: GET
// /groups/{groupId}/users and .../users/{userId} carry direct roles only
// (the spec: with flattenTeams false, the default, "this resource returns
// only users with a role in the project"), and a person whose only access
// is through a team is not listed and is a 404 there; the OrgUserResponse's
// roles.groupRoleAssignments is direct roles only, and its teamIds names the
// teams, whose roles GET /groups/{groupId}/teams gives. flattenTeams=true
// adds the project's team members to the users list, each with their direct
// and team roles together (the spec does not say what roles such a user
// shows; our choice); includeOrgUsers is not served. Removing either grant
// never removes the other. The -api-rate-limit buckets do not cover these
// paths.
//
// # Database users and custom database roles
//
// POST and GET /groups/{groupId}/databaseUsers, and GET, PATCH and DELETE
// /groups/{groupId}/databaseUsers/{databaseName}/{username} (2023-01-01) keep
// each project's database users, unique by authentication database and
// username (exact, case-sensitive). The {username} segment carries an AWS IAM
// ARN's "/" as %2F and its colons as they are. Reads need any project role,
// writes GROUP_OWNER, GROUP_DATABASE_ACCESS_ADMIN or
// GROUP_STREAM_PROCESSING_OWNER (the spec's x-rolesRequirements). Error codes
// and details are those of Atlas's page "Atlas Administration API Error
// Codes" unless "our choice" is said:
//   - create requires groupId (400 GROUP_MISMATCH when it names another
//     project), databaseName, username (1 to 1024 characters) and roles (at
//     least one), as the spec says; a bad attribute is Atlas's per-attribute
//     400 (INVALID_ATTRIBUTE, MISSING_ATTRIBUTE, INVALID_JSON_ATTRIBUTE). A
//     password has at least 8 characters, a description at most 100, a
//     label's key and value 1 to 255; scopes match the spec's name pattern
//     and type enum (CLUSTER, DATA_LAKE, STREAM), none twice (our choice: 400
//     INVALID_ATTRIBUTE). Scope names are not checked against clusters,
//     which the simulator does not have (our choice).
//   - a user authenticates in exactly one way: a password, or one of
//     x509Type, awsIAMType, ldapAuthType, oidcAuthType other than NONE.
//     X.509 with LDAP is ATLAS_X509_USER_CANNOT_USE_LDAP, X.509 with a
//     password ATLAS_X509_USER_CANNOT_USE_SCRAM, any other mix
//     ATLAS_INVALID_AUTH_SETTINGS (our choice of code), a password user
//     without a password 400 MISSING_ATTRIBUTE password.
//   - the authentication database is admin for password users, OIDC
//     workforce (IDP_GROUP) users and LDAP groups (the spec's LDAP example),
//     $external for X.509, AWS IAM, LDAP users and OIDC workload (USER)
//     users; otherwise 400 DATABASE_NAME_INVALID_ADMIN or
//     DATABASE_NAME_INVALID_EXTERNAL.
//   - the username has the form the spec's table gives: an IAM ARN of a
//     user or role matching awsIAMType, an RFC 2253 distinguished name with a
//     CN for X.509 CUSTOMER, exactly CN=... for MANAGED
//     (ATLAS_MANAGED_X509_NAME_INVALID), a distinguished name for LDAP
//     (ATLAS_INVALID_LDAP_NAME), "24-hex IdP ID/name" for OIDC; otherwise
//     ATLAS_INVALID_USERNAME.
//   - roles: a built-in role of the spec's enum (atlasAdmin, backup,
//     clusterMonitor, dbAdminAnyDatabase, enableSharding, readAnyDatabase,
//     readWriteAnyDatabase only on admin: ATLAS_INVALID_ROLE_DATABASE;
//     read, readWrite, dbAdmin on any database), or a custom role of the
//     project, which must be granted on admin and without a collection
//     (observed, the official provider's issues #728 and #1522: 400
//     UNSUPPORTED_ROLE "The provided role is not supported."). Any other
//     name is ATLAS_INVALID_ROLE, the same role twice
//     DUPLICATE_DATABASE_ROLES, a collectionName on a role other than read
//     or readWrite 400 INVALID_ATTRIBUTE (our choice of code). Atlas's
//     older rule that a user with a custom role holds no other role
//     (ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT) is not applied: current Atlas
//     users hold custom and built-in roles together.
//   - a user with the same authentication database and username is 409
//     USER_ALREADY_EXISTS "A user with username ... already exists."; the
//     101st user of a project 403 GROUP_USERS_LIMIT_EXCEEDED "Groups can
//     contain at most 100 database users." (the limit the spec states).
//   - an unknown user is 404 USERNAME_NOT_FOUND "No user with username ...
//     exists." (observed, mongodb/mongodb-atlas-cli#2378), also when the
//     user exists on the other authentication database.
//   - PATCH changes only what its body gives (our reading of the spec,
//     which gives PATCH the whole CloudDatabaseUser): roles, scopes and
//     labels are replaced whole, so "scopes": [] removes every scope; a
//     password rotates the password; description replaces it ("" clears).
//     Another databaseName, username or authentication type in the body is
//     409 DATABASE_NAME_CANNOT_BE_CHANGED, DATABASE_USERNAME_CANNOT_BE_CHANGED
//     or AUTH_TYPE_CANNOT_BE_CHANGED.
//   - deleteAfterDate makes a temporary user: a future date within one week
//     (400 INVALID_ATTRIBUTE otherwise, our choice of code), never for X.509
//     users (ATLAS_X509_USER_CANNOT_BE_TEMPORARY). The user disappears once
//     the date passes by Atlas's clock.
//   - answers are CloudDatabaseUser with every authentication type (NONE
//     when unused), labels and scopes ([] when empty), and groupId, which the
//     spec marks writeOnly but Atlas answers (observed); never the password.
//     The simulator keeps only the password's SHA-256, for
//     Server.DatabaseUserPasswordMatches and the test hook POST
//     /__atlassim/databaseUsers/password.
//
// GET and POST /groups/{groupId}/customDBRoles/roles, and GET, PATCH and
// DELETE .../roles/{roleName} (2023-01-01) keep each project's custom roles.
// The list is a plain array, not paginated, as the spec says; a create
// answers 202 Accepted with the role. Rules, in the order checked:
//   - roleName: ASCII letters, digits, hyphens and underscores, starting
//     with a letter or digit (ATLAS_CUSTOM_ROLE_INVALID_NAME), not starting
//     with "xgen-" (ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED), not a built-in
//     role's name (ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED).
//   - actions: each from the spec's enum (400 INVALID_ENUM_VALUE), none
//     twice even on other resources (observed, mongodb/mongodb-atlas-cli#2791:
//     ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION), each on at least one resource,
//     {db} or {db, collection} or {cluster: true} (otherwise
//     ATLAS_INVALID_RESOURCE, our choice of code), none twice
//     (ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE). A cluster resource's db and
//     collection are dropped, as the spec says Atlas ignores them. Which
//     actions apply to the cluster and which to a database is not checked
//     (our choice).
//   - at least one action or inherited role
//     (ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS): a role with only inherited
//     roles is valid.
//   - inheritedRoles: none twice (the spec's uniqueItems: 400
//     INVALID_ATTRIBUTE), not the role itself
//     (ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL), a built-in role on a
//     database it exists for or a custom role of the project on admin
//     (ATLAS_INVALID_CUSTOM_ROLE_INHERITED_SCOPE), one that exists
//     (ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE), and no cycle
//     (ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY).
//   - a role of the same name is 409 ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS;
//     the 101st role of a project 403 CUSTOM_ROLES_LIMIT_EXCEEDED (the code
//     is Atlas's, the number our choice); an unknown role 404
//     ATLAS_CUSTOM_ROLE_NOT_FOUND.
//   - PATCH (UpdateCustomDBRole) replaces the actions and the inherited
//     roles its body gives, each whole, and keeps what it leaves out (our
//     choice), under the same rules.
//   - answers list actions sorted by name and each action's resources
//     sorted, whatever order they were sent in (our choice: Atlas answers
//     in an order of its own, the official provider's issue #3080), each
//     resource with cluster, collection and db.
//   - DELETE refuses, as the spec's description of the operation says, a
//     role whose deletion would leave a database user without roles: 409
//     ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS "Deleting specified custom role would
//     leave the following users without a role: ..." (observed,
//     mongodb/mongodb-atlas-kubernetes#2015), or a custom role without
//     actions or inherited roles: 409 ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES.
//     Otherwise the role is deleted and taken from the users and roles that
//     held it beside others (our reading of the spec).
//   - Concurrent writes: Atlas does not take custom role changes of one
//     project concurrently. Observed: the official provider serializes
//     every create, update and delete of a project's custom roles
//     (internal/service/customdbrole/resource.go, customDBRoleMutex, its
//     pull request #4115) and retries a create answered 500 or
//     UNEXPECTED_ERROR (same file, the create's refresh function); its
//     issue #2377 reports concurrent updates of several roles of which only
//     some took effect, and #148 creates of several roles at once failing.
//     A custom role POST, PATCH or DELETE that arrives while another is in
//     flight for the same project changes nothing and is answered 500
//     UNEXPECTED_ERROR (the status the official provider retries; detail
//     our choice; refusing rather than silently dropping a change, as #2377
//     saw, is our choice). Writes for other projects are not affected.
//     SetCustomRoleWriteHook lets a test act while a write is in flight.
//   - Not simulated: a role just created may be unknown for a moment. The
//     official provider retries a create answered 404 or
//     ATLAS_CUSTOM_ROLE_NOT_FOUND, and a database user created right after
//     its custom role has been refused with that code
//     (mongodb/mongodbatlas-cloudformation-resources#599). The simulator
//     knows a role from the answer that created it.
//
// Injected faults apply to these operations as to every /api request: the
// fault injector draws per request and method, whatever the path.
//
// # Authentication and the token endpoint
//
// The API accepts HTTP digest with an API key pair (realm "MMS Public API",
// as observed from Atlas; MD5 or SHA-256, qop=auth) and OAuth2 bearer tokens.
// No or Basic credentials get 401 NOT_AUTHENTICATED with a digest challenge.
// Failed digest authentication gets Atlas's observed answer, 401
// {"error":401,"reason":"Unauthorized","detail":"You are not authorized for
// this resource."} with no errorCode (which the spec's ApiError requires; the
// contract test lists the exception);
// an unknown, revoked or expired bearer token gets 401 INVALID_TOKEN or
// TOKEN_EXPIRED.
//
// POST /api/oauth/token (form grant_type=client_credentials, client ID and
// secret in HTTP Basic) answers {"access_token", "token_type": "Bearer",
// "expires_in"}: the docs give tokens one hour, reusable until they expire,
// and the simulator's lifetime is 3600 seconds unless Options.TokenLifetime
// says otherwise. The endpoint is
// described in the spec's prose and the docs but is not an OpenAPI path, and
// its error body is not documented: the simulator answers in the OAuth2 style
// (RFC 6749 section 5.2), 401 {"error": "invalid_client"} for wrong
// credentials and 400 unsupported_grant_type for another grant.
//
// Atlas's rate limit on this endpoint is not documented either. Users of the
// official provider report 429 answers saying "/api/oauth/token is limited
// to 10 requests every 1 minutes", per client IP address and client ID. The
// simulator applies that limit by default (Options.TokenRateLimit and
// TokenRateWindow, -token-rate-limit and -token-rate-window; negative
// disables): it counts every request it lets through, right credentials or
// not, and answers the others 429 RATE_LIMITED, "Resource /api/oauth/token is
// limited to N requests every W.", with Retry-After in seconds until the
// oldest counted request leaves the window. The body's form is the
// simulator's choice (an ApiError).
//
// POST /api/oauth/revoke (form token) answers 200 once the client has
// authenticated, whether or not the token was known (RFC 7009); it revokes
// only a token issued to that client, as RFC 7009 asks. A revoked token gets
// 401 INVALID_TOKEN, and Server.RevokedTokens lists revoked tokens for tests.
//
// # Administration API rate limits
//
// Documented (MongoDB docs, atlas/api/api-rate-limit, and the announcement
// "Introducing Standardized Atlas Admin API Rate Limiting", March 2026):
// every v2 endpoint belongs to an endpoint set with a scope (organization,
// project, user or IP address), and each set and scope value has a token
// bucket: at most capacity tokens, one taken per request, refillRate
// tokens added every refillDurationSeconds. An empty bucket answers 429
// RATE_LIMITED_TOKEN_BUCKET, detail "Rate limit exceeded for
// api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10.
// Refill rate: 5 per 60 seconds.", parameters [endpoint, retry after,
// capacity, refill rate, refill seconds]. Responses may carry
// RateLimit-Limit (the capacity) and RateLimit-Remaining (tokens left), and a
// 429 Retry-After (seconds); Atlas "may not always" send them. The figures of
// each set are not published: GET /api/atlas/v2/rateLimits (not served)
// returns them per organization, project or IP address.
//
// Assumed by the simulator: the sets and figures for service accounts and
// project users, which no page gives; that the refill is discrete (the
// example's 55 seconds with 5 per 60 seconds fits a refill every 60 seconds,
// not a trickle of one token every 12); and the user scope (a bucket per
// caller). Options.APIRateLimit (-api-rate-limit, off by default) applies
// one bucket figure to two endpoint sets, every .../serviceAccounts path
// (project and organization) and every /groups/{groupId}/users path, with a
// bucket per set and per client identity (the client ID behind a bearer
// token, or the digest public key; requests without known credentials are
// left to authentication). SPEC is CAPACITY/INTERVAL ("100/60s": 100
// tokens, 100 more every 60 seconds) or capacity=N,refill=N/INTERVAL
// ("capacity=10,refill=5/60s"). A new bucket starts full; an empty one
// answers as the 429 fault below, with the bucket's figures and Retry-After
// in whole seconds until its next refill. A 2xx on a limited path carries the
// bucket's RateLimit-Limit and RateLimit-Remaining instead of the nominal
// ones. BENCHMARKS.md measures an apply of 1000 accounts under "100/60s".
//
// # Faults and lost answers
//
// Options.Faults and PUT /__atlassim/faults inject failures into /api/atlas/v2
// requests (never the token endpoint): 429 answered as Atlas's rate-limit
// documentation describes, errorCode RATE_LIMITED_TOKEN_BUCKET, detail "Rate
// limit exceeded for <path>. Please retry after 1 seconds. Request capacity:
// 100. Refill rate: 100 per 60 seconds.", parameters [path, 1, 100, 100, 60]
// and the headers RateLimit-Limit: 100, RateLimit-Remaining: 0 and
// Retry-After: 1,
// 500, 502, 503 (Retry-After: 1) and 504 answers, a reset connection, added
// latency, and "lost": the request is handled and the store changed, then the
// connection closes without an answer. The contract promises no idempotency,
// and the simulator has none: a create retried after a lost answer creates a
// second account or secret, a retried user add answers 409, a retried
// :invite 409, a retried DELETE 404. Telling these apart is the provider's
// job.
//
// # Error codes
//
//	400 INVALID_ATTRIBUTE, MISSING_ATTRIBUTE, INVALID_JSON_ATTRIBUTE
//	                                request body violates the contract: the first violation's code (badRequestDetail lists every field)
//	400 INVALID_JSON                the request body is not JSON
//	400 INVALID_PATH_PARAMETER      a path parameter does not match its pattern
//	400 INVALID_QUERY_PARAMETER     a query parameter is malformed or conflicting
//	400 SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED
//	                                a new secret beyond Options.MaxSecrets (simulator's choice)
//	400 CANNOT_REMOVE_LAST_ROLE     :removeRole would leave a user without a role (simulator's choice)
//	400 USER_NOT_IN_ORG             a team member who is not ACTIVE or PENDING in the organization (the spec names it for :addUser)
//	400 MAX_TEAMS_PER_ORG_EXCEEDED, MAX_TEAMS_PER_GROUP_EXCEEDED
//	                                beyond 250 teams per organization or 100 per project (simulator's codes)
//	400 CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT
//	                                deleting a team that holds project roles (Atlas's code, observed; status our choice; see Options.DeleteAssignedTeam)
//	400 INVITATIONS_RATE_LIMITED_IP too many new invitations from one client IP (observed Atlas behaviour)
//	401 NOT_AUTHENTICATED           no or invalid credentials (digest challenge attached)
//	401 (no errorCode)              failed digest authentication, "You are not authorized for this resource."
//	401 INVALID_TOKEN               unknown or revoked bearer token, or its account was deleted
//	401 TOKEN_EXPIRED               expired bearer token
//	400 VALIDATION_ERROR            more than 200 access-list entries in one POST
//	400 CANNOT_REMOVE_REQUESTING_IP_ADDRESS
//	                                a service account removing the access-list entry it calls through (simulator's choice)
//	401 USER_UNAUTHORIZED           an API-created service account lacks the role the operation needs (as Atlas, not 403)
//	403 IP_ADDRESS_NOT_ON_ACCESS_LIST
//	                                a service account's bearer call from outside its non-empty access list (observed)
//	404 RESOURCE_NOT_FOUND          unknown path
//	404 GROUP_NOT_FOUND, ORG_NOT_FOUND, SERVICE_ACCOUNT_NOT_FOUND,
//	    SERVICE_ACCOUNT_SECRET_NOT_FOUND, USER_NOT_FOUND, INVITATION_NOT_FOUND,
//	    ACCESS_LIST_ENTRY_NOT_FOUND, TEAM_NOT_FOUND
//	405 METHOD_NOT_ALLOWED          known path, unsupported method
//	406 INVALID_VERSION_DATE        Accept names no served version of the operation
//	409 SERVICE_ACCOUNT_ALREADY_IN_GROUP (simulator's choice), USER_ALREADY_IN_GROUP,
//	    DUPLICATE_ACCESS_LIST_ENTRY (simulator's choice), USER_ALREADY_IN_ORG,
//	    DUPLICATE_TEAM_NAME (simulator's codes)
//	400, 403, 404, 409 database-user and custom-role codes: see "Database users and custom database roles"
//	429 RATE_LIMITED_TOKEN_BUCKET   injected fault (Retry-After: 1), or an empty -api-rate-limit bucket
//	429 RATE_LIMITED                /api/oauth/token over its limit (Retry-After)
//	500 UNEXPECTED_ERROR, 502 BAD_GATEWAY, 503 SERVICE_UNAVAILABLE, 504 GATEWAY_TIMEOUT (injected faults)
//
// The spec promises status codes, not error codes. Its examples show
// VALIDATION_ERROR, RESOURCE_NOT_FOUND, RATE_LIMITED, UNEXPECTED_ERROR and
// SERVICE_UNAVAILABLE, and INVITATIONS_RATE_LIMITED_IP and
// IP_ADDRESS_NOT_ON_ACCESS_LIST are observed; the other
// codes above are not in the contract, so a test that depends on one tests
// the simulator, not Atlas.
//
// # Atlas's clock
//
// Clients see Atlas's time in the Date header of its answers; the provider
// compares expiry dates against it rather than against its own clock. The
// simulator keeps a clock of its own, real time plus an offset (our
// choice: an offset lets the clock run on, so tokens and invitations age
// while a test runs). PUT /__atlassim/clock moves it: {"offset": "72h"} (a
// Go duration from real time, negative allowed), {"now": "<RFC 3339>"} (the
// clock runs on from that instant), or an empty body or {} to return to
// real time; it and GET answer 200 {"now": "<RFC 3339>"}, and a bad body
// 400 {"error": "<what is wrong>"}. Server.Now, SetClockOffset,
// SetClockNow and ResetClock do the same in process, and Options.ClockOffset
// (-clock-offset) starts the clock moved.
//
// Everything Atlas computes from its time uses that clock: the Date header
// of every answer, the createdAt, expiresAt and lastUsedAt of secrets, the
// 7-day shortening of older secrets, invitation expiry, access-token expiry
// (a token lives expires_in seconds of Atlas's time, so moving the clock
// past it answers the token 401 TOKEN_EXPIRED, and a client gets a new one,
// as it would after that much real time), and the expired-secret check of
// the token endpoint. Digest nonces, the token endpoint's rate limit, the
// invitation limit, the -api-rate-limit buckets, injected latency and the
// request log run on real time (our choice): they measure the pace of the
// client, and a test that moves the calendar must neither be locked out by
// them nor slip past them. The fixture credentials' secret never expires
// (year 9999), so a test may move the clock as far as it likes.
//
// # Fixtures and test hooks
//
// A new Server holds one organization, two projects (Fixtures.ProjectID and
// Project2ID), a user ACTIVE in the organization and in none of its projects
// (Fixtures.OrgMember), an API key pair and the client ID and secret of an
// Organization Owner service account that the API never lists or finds, so
// no test can delete the credentials every test signs in with. Options.Seed
// makes IDs and fixture credentials repeatable; Options.RandomCredentials
// (the command's default unless -seed is given) draws the credentials from
// crypto/rand instead, so that no two runs share a secret.
//
// The test hooks live outside /api, so they cannot collide with Atlas paths,
// and are not logged: GET and DELETE /__atlassim/requests (the request log),
// PUT /__atlassim/faults (a fault SPEC; empty clears), GET and PUT
// /__atlassim/clock (see Atlas's clock), and POST
// /__atlassim/users/accept, /expire and /reject with {"username": "..."},
// which move a PENDING user to ACTIVE (in the organization and every project
// and team invited to), INVITATION_EXPIRED or INVITATION_REJECTED, whether
// they were invited through a project or the organization. POST
// /__atlassim/databaseUsers/password with {"groupId", "databaseName",
// "username", "password"} answers {"matches": true} when password is the
// user's current password (404 for an unknown user).
package atlassim
