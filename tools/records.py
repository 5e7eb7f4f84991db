#!/usr/bin/env python3
"""Bootstraps Java records (and enums) for Pinpoint model shapes; the output is then maintained by hand.

Usage: tools/records.py PACKAGE OUTDIR Shape [Shape ...]
Component names are lowerCamel; Json's UPPER_CAMEL_CASE strategy maps them back, so only members the
strategy cannot reproduce (APNSMessage, MD5, tags, ...) get an explicit @JsonProperty.
Referenced structures/enums are NOT generated unless listed; pass --deep to follow references."""
import json, os, re, sys

here = os.path.dirname(__file__)
model = json.load(open(os.path.join(here, '..', '..', 'shared', 'api', 'pinpoint-2016-12-01.json')))
shapes = model['shapes']
PRIMS = {'string': 'String', 'boolean': 'Boolean', 'integer': 'Integer', 'double': 'Double', 'long': 'Long',
         'timestamp': 'String', 'blob': 'String'}

def camel(member):
    m = re.match(r'^([A-Z]+)(?=[A-Z][a-z]|$)', member)
    if member.isupper():
        return member.lower()
    if m and len(m.group(1)) > 1:
        acronym = m.group(1)
        return acronym.lower() + member[len(acronym):]
    return member[0].lower() + member[1:]

def java_type(shape_name, refs):
    s = shapes[shape_name]
    t = s['type']
    if t == 'structure':
        refs.add(shape_name); return shape_name
    if t == 'list':
        return 'List<' + java_type(s['member']['shape'], refs) + '>'
    if t == 'map':
        return 'Map<String, ' + java_type(s['value']['shape'], refs) + '>'
    if 'enum' in s:
        refs.add(shape_name); return shape_name
    return PRIMS[t]

def doc(text):
    text = re.sub(r'<[^>]+>', '', text or '').strip()
    text = text.replace('*/', '* /')
    return text.split('. ')[0].strip().rstrip('.') + '.' if text else ''

def render(name, package):
    s = shapes[name]
    refs = set()
    if 'enum' in s:
        body = f"package {package};\n\n/** Pinpoint's {name} enum. */\npublic enum {name} {{\n    " + ', '.join(s['enum']) + "\n}\n"
        return body, refs
    comps, imports = [], set()
    for member, d in s['members'].items():
        jt = java_type(d['shape'], refs)
        if 'List<' in jt: imports.add('java.util.List')
        if 'Map<' in jt: imports.add('java.util.Map')
        c = camel(member)
        if c in ('default', 'class', 'package'):
            c = c + 'Value'
        strategy = c[0].upper() + c[1:]
        ann = '' if strategy == member else f'@JsonProperty("{member}") '
        if ann: imports.add('com.fasterxml.jackson.annotation.JsonProperty')
        comps.append(f"        {ann}{jt} {c}")
    imp = ''.join(f'import {i};\n' for i in sorted(imports))
    text = f"package {package};\n\n{imp}{chr(10) if imp else ''}/** Pinpoint's {name}: {doc(s.get('documentation',''))} */\npublic record {name}(\n" + ',\n'.join(comps) + ") {\n}\n"
    return text, refs

args = sys.argv[1:]
deep = '--deep' in args
args = [a for a in args if a != '--deep']
package, outdir, names = args[0], args[1], args[2:]
os.makedirs(outdir, exist_ok=True)
todo, done = list(names), set()
while todo:
    n = todo.pop()
    if n in done: continue
    done.add(n)
    text, refs = render(n, package)
    path = os.path.join(outdir, n + '.java')
    if os.path.exists(path):
        print('exists, skipped', path); continue
    open(path, 'w').write(text)
    print('wrote', path)
    if deep: todo.extend(refs)
