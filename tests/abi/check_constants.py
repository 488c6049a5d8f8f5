#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Every object-like RLM_ constant of include/realm/abi.h must be checked
by a line of tests/abi/test_constants.c, so a new constant cannot escape
the value table.  Usage: check_constants.py abi.h test_constants.c"""
import re
import sys

header, table = open(sys.argv[1]).read(), open(sys.argv[2]).read()
names = re.findall(r'^#define (RLM_[A-Z0-9_]+)[ \t]', header, re.M)
checked = set(re.findall(r'\bKS?\((RLM_[A-Z0-9_]+),', table))
missing = [n for n in names if n not in checked]
if len(names) < 200:
    sys.exit("only %d constants found in %s: parser broken?" % (len(names), sys.argv[1]))
if missing:
    sys.exit("constants without a value check: " + ", ".join(missing))
print("%d constants, all checked" % len(names))
