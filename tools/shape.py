#!/usr/bin/env python3
"""Prints Pinpoint service-model shapes (members, types, required, enums) for quick reference.
Usage: tools/shape.py ShapeName [ShapeName ...]   or   tools/shape.py --op OperationName"""
import json, os, sys
model = json.load(open(os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'api', 'pinpoint-2016-12-01.json')))
shapes, ops = model['shapes'], model['operations']

def describe(name, depth=0, seen=()):
    s = shapes[name]; pad = '  ' * depth
    if s['type'] == 'structure':
        req = set(s.get('required', []))
        for m, d in s['members'].items():
            t = shapes[d['shape']]
            loc = f" [{d.get('location')}:{d.get('locationName')}]" if 'location' in d else ''
            kind = t['type']
            extra = ''
            if kind == 'list': extra = f" of {t['member']['shape']}"
            if kind == 'map': extra = f" of {t['value']['shape']}"
            if 'enum' in t: extra = f" enum {t['enum']}"
            print(f"{pad}{m}{'*' if m in req else ''}: {d['shape']} ({kind}{extra}){loc}{' payload' if s.get('payload')==m else ''}")
    elif 'enum' in s:
        print(pad + 'enum', s['enum'])
    else:
        print(pad + json.dumps(s)[:200])

args = sys.argv[1:]
if args and args[0] == '--op':
    o = ops[args[1]]; print(json.dumps(o['http']), 'errors:', [e['shape'] for e in o.get('errors', [])])
    for k in ('input', 'output'):
        if k in o:
            print(f"-- {k} {o[k]['shape']}"); describe(o[k]['shape'], 1)
else:
    for a in args:
        print('==', a); describe(a, 1)
