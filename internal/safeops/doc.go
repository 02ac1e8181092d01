// Package safeops is the one place that answers "did my write happen?".
//
// Resources call Atlas through a Service, never through the client directly.
// The client retries what is safe to repeat and reports a write whose outcome
// it could not learn (client.MayHaveHappened). A Service then decides, with
// what it knows of the process, whether Atlas holds the object the write
// asked for and whether that object is provably the work of this request:
//
//   - The object matches what was requested.
//   - It appeared after the request was sent, by Atlas's clock (the Date
//     header of its answers), within a small allowance for skew. For an
//     assignment, the Service checked just before the request that the
//     account was absent.
//   - No other resource instance in this provider process created, adopted
//     or read it: the Service keeps a record of the objects it holds.
//   - Exactly one candidate qualifies.
//
// Only then is the object adopted. Otherwise the write fails with an error
// that lists what was found (CandidatesError, ExistingError), and nothing is
// recorded in state: the user imports the object, or deletes it.
//
// A team has no createdAt, but its ID is a MongoDB ObjectId whose first 4
// bytes are the second Atlas created it: that second is its creation time
// for the rule above (ObjectIDTime). A team name is unique in an
// organization, so after a lost answer the only candidate is the team of
// that name; it is adopted when it has exactly the requested members
// (usernames compared without regard to case), appeared after the request
// and is held by no other resource. When no team of that name appeared,
// nothing was created and the create is sent again; a 409
// DUPLICATE_TEAM_NAME that did not follow a lost answer is someone else's
// team (ExistingTeamError). A membership change (:addUser, :removeUser) or
// a rename whose answer was lost is checked by reading the team again.
//
// An invitation of a person (to an organization or to a project) whose
// outcome is unknown is followed by a lookup of that username: when nobody
// appeared, nothing was created and the invitation is sent again (at most
// createTries times), as a team create is; a person found is adopted only
// by the rules above, against when the first such attempt was sent.
//
// A person who was already ACTIVE in a project can never be proven ours:
// project membership carries no creation time. A 409 that did not follow a
// lost answer is never adopted: it is someone else's object (or the same
// person declared twice in the configuration).
//
// Operations on one Atlas object are serialized within the process: a create
// of a project user, an assignment or a same-named service account waits for
// a delete of the same object that is in flight, so that replacing a
// for_each instance by another key for the same object does not race.
// Some kinds are serialized per project as well, because Atlas refuses (500)
// or loses a second write that arrives while one is in flight: the writes of
// a project's IP access list, and every create, update and delete of a
// project's custom database roles, whichever role (customroles.go).
//
// Deleting after an unknown outcome follows a stricter rule, because the two
// mistakes are not alike: a leftover object nobody can use is harmless (a
// secret whose plaintext nobody received only fills one of the account's
// secret slots), while deleting an object somebody holds is an outage. A
// cleanup deletes an object only when it matches the request (a secret's
// lifetime, expiry minus creation, equals the requested hours), Atlas
// created it strictly after the latest time the request can have reached
// Atlas, by Atlas's one-second createdAt and with the uncertainty of the
// clock estimate counted against deletion (client.LatestSendTime), no
// resource of this process holds it, and it is the only such object.
// Otherwise nothing is deleted, and each possible leftover is returned for a
// warning that names it. "Held by no resource of this process" alone proves
// little: an apply runs in a fresh process, so a secret the same
// configuration keeps in state is held by nobody until it is read.
//
// Where this package deletes or removes something after an unknown outcome:
//
//   - A secret create (CreateServiceAccountSecret): the rule above.
//   - An adopted service account (createProvenAccount): its first secret,
//     whose plaintext went with the lost answer, is deleted only when it is
//     the account's only secret and has the requested lifetime, as read
//     before the replacement secret was issued; otherwise every secret is
//     left and named in a degradation.
//   - Invitations (AddProjectUser), assignments (AssignServiceAccount) and
//     role changes of people: nothing is deleted or removed after an
//     unknown outcome. An invitation or assignment is adopted with proof or
//     reported as an ExistingError; a role change is re-read.
//   - A team's roles in a project (AddTeamToProject): Atlas has no conflict
//     answer there, so the team is first checked absent; after a lost answer
//     the grant is adopted only with exactly the requested roles and held by
//     no other resource, and never removed. Role changes are re-read.
//   - Teams (CreateTeam): nothing is deleted after an unknown outcome; a
//     team that cannot be proven ours is named in an ExistingTeamError.
//   - Access-list entries: see accesslists.go.
//   - Database users and custom database roles (dbusers.go,
//     customroles.go): neither has a creation time, so they follow the
//     assignment rule: checked absent just before the create, adopted after
//     a lost answer only when they match the request exactly and no other
//     resource holds them, otherwise an ExistingError; never deleted. A
//     lost password rotation cannot be read back and is reported failed.
//
// Adoption checks cost requests only after an unknown outcome; a write that
// succeeds makes exactly the requests it made before.
//
// Reads for a refresh (accounts, their secrets, project and organization
// people, teams, their members and project roles, database users and
// custom database roles) and a destroy's question "which projects is this
// account in" are coalesced when many arrive together: one paged listing of
// the owner answers them all, for seconds, never for an object this process
// wrote since, and never as the only proof that an object is gone
// (coalesce.go, membership.go, teamreads.go, dbreads.go). A team's members
// come from the organization's people listing (each person names their
// teams) only for a team older than that listing. The checks before and
// after a write never use a listing.
package safeops
