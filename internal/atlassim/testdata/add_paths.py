#!/usr/bin/env python3
"""Add whole path items, and every component they reference (transitively,
unchanged, only those the excerpt lacks), from the full spec to an excerpt.
Like add_get_group.py, its result is the input of strip_openapi.py:

    python3 add_paths.py FULL.yaml EXCERPT.yaml OUT.yaml PATH...

The committed openapi.yaml added, with this script, the organization-user,
team, team-member and team project-role paths (PEOPLE_PATHS, the default
when no PATH is given) from the spec of /work/shared/atlas-api (x-xgen-sha
in its info), then was run through strip_openapi.py again (idempotent on
the prose it had already removed). The database-user and custom-role paths
(issue 27) were added the same way, naming them as PATH arguments:
/api/atlas/v2/groups/{groupId}/databaseUsers,
/api/atlas/v2/groups/{groupId}/databaseUsers/{databaseName}/{username},
/api/atlas/v2/groups/{groupId}/customDBRoles/roles and
/api/atlas/v2/groups/{groupId}/customDBRoles/roles/{roleName}; then the
project IP access-list paths /api/atlas/v2/groups/{groupId}/accessList,
.../accessList/{entryValue} and .../accessList/{entryValue}/status.
"""
import sys, yaml

PEOPLE_PATHS = [
    '/api/atlas/v2/orgs/{orgId}/users',
    '/api/atlas/v2/orgs/{orgId}/users/{userId}',
    '/api/atlas/v2/orgs/{orgId}/users/{userId}:addRole',
    '/api/atlas/v2/orgs/{orgId}/users/{userId}:removeRole',
    '/api/atlas/v2/orgs/{orgId}/teams',
    '/api/atlas/v2/orgs/{orgId}/teams/{teamId}',
    '/api/atlas/v2/orgs/{orgId}/teams/byName/{teamName}',
    '/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users',
    '/api/atlas/v2/orgs/{orgId}/teams/{teamId}:addUser',
    '/api/atlas/v2/orgs/{orgId}/teams/{teamId}:removeUser',
    '/api/atlas/v2/groups/{groupId}/teams',
    '/api/atlas/v2/groups/{groupId}/teams/{teamId}',
]

full = yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)
ex = yaml.load(open(sys.argv[2]), Loader=yaml.CSafeLoader)
paths = sys.argv[4:] or PEOPLE_PATHS


def refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == '$ref' and isinstance(v, str):
                out.add(v)
            else:
                refs(v, out)
    elif isinstance(node, list):
        for x in node:
            refs(x, out)


todo = set()
for p in paths:
    ex['paths'][p] = full['paths'][p]
    refs(full['paths'][p], todo)
ex['paths'] = dict(sorted(ex['paths'].items()))
seen, added = set(), []
while todo:
    r = todo.pop()
    if r in seen:
        continue
    seen.add(r)
    _, _, kind, name = r.split('/')
    if name not in ex['components'].setdefault(kind, {}):
        comp = full['components'][kind][name]
        ex['components'][kind][name] = comp
        added.append(r)
        refs(comp, todo)
for kind in ex['components']:
    ex['components'][kind] = dict(sorted(ex['components'][kind].items()))
print(sorted(added), file=sys.stderr)
yaml.safe_dump(ex, open(sys.argv[3], 'w'), sort_keys=False, allow_unicode=True, width=1000)
