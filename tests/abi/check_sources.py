#!/usr/bin/env python3
"""Fails when a source, header, build file or document of the tree still
holds merge-conflict markers (two public headers once shipped them inside
their top comments, which compilers accept silently)."""
import os
import re
import sys

root = sys.argv[1]
exts = ('.c', '.h', '.py', '.md', '.build', '.sh', '.lds', '.txt', '.in', '.ini', '.def', '.cpp')
marker = re.compile(r'^\s*(\*\s*)?(<{7} |>{7} |={7}$)')
bad = []
for top in ('include', 'lib', 'tools', 'tests', 'examples', 'shim-kmod', 'docs', 'cross', '.ci'):
    for dirpath, dirs, files in os.walk(os.path.join(root, top)):
        dirs[:] = [d for d in dirs if d not in ('vectors',)]
        for f in files:
            if not (f.endswith(exts) or f in ('run', 'meson.build')):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding='utf-8', errors='replace') as fh:
                for n, line in enumerate(fh, 1):
                    if marker.match(line.rstrip('\n')):
                        bad.append(f'{os.path.relpath(path, root)}:{n}: {line.strip()}')
for f in ('meson.build', 'meson_options.txt', 'README.md'):
    with open(os.path.join(root, f), encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if marker.match(line.rstrip('\n')):
                bad.append(f'{f}:{n}: {line.strip()}')
for b in bad:
    print(b)
print(f'{len(bad)} conflict marker(s)')
sys.exit(1 if bad else 0)
