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
// A person who was already ACTIVE in a project can never be proven ours:
// project membership carries no creation time. A 409 that did not follow a
// lost answer is never adopted: it is someone else's object (or the same
// person declared twice in the configuration).
//
// Operations on one Atlas object are serialized within the process: a create
// of a project user, an assignment or a same-named service account waits for
// a delete of the same object that is in flight, so that replacing a
// for_each instance by another key for the same object does not race.
//
// Adoption checks cost requests only after an unknown outcome; a write that
// succeeds makes exactly the requests it made before.
package safeops
