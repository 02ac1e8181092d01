#!/usr/bin/env python3
"""Add GET /api/atlas/v2/groups/{groupId} and every component it references,
transitively and unchanged, from the full spec to the 27-path excerpt; the
result is the input of strip_openapi.py. Paths are arguments:

    python3 add_get_group.py FULL.yaml EXCERPT.yaml OUT.yaml
"""
import sys, yaml
full = yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)
ex = yaml.load(open(sys.argv[2]), Loader=yaml.CSafeLoader)
p = '/api/atlas/v2/groups/{groupId}'
item = full['paths'][p]
ex['paths'][p] = {'get': item['get']}
ex['paths'] = dict(sorted(ex['paths'].items()))
def refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == '$ref' and isinstance(v, str):
                out.add(v)
            else:
                refs(v, out)
    elif isinstance(node, list):
        for x in node: refs(x, out)
todo = set(); refs(ex['paths'][p], todo); seen=set(); added=[]
while todo:
    r = todo.pop()
    if r in seen: continue
    seen.add(r)
    _, _, kind, name = r.split('/')
    comp = full['components'][kind][name]
    if name not in ex['components'].setdefault(kind, {}):
        ex['components'][kind][name] = comp; added.append(r)
    refs(comp, todo)
for kind in ex['components']:
    ex['components'][kind] = dict(sorted(ex['components'][kind].items()))
print(added, file=sys.stderr)
yaml.safe_dump(ex, open(sys.argv[3],'w'), sort_keys=False, allow_unicode=True, width=1000)
