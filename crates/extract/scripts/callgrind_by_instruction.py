#!/usr/bin/env python3
"""Self cost of one function, instruction by instruction, with its source lines.

Inlining spreads a rule's cost over many file:line pairs of the standard library,
which callgrind_annotate cannot tie back to the rule; the addresses can. Run
callgrind with --dump-instr=yes, then:

    python3 crates/extract/scripts/callgrind_by_instruction.py CALLGRIND_OUT BINARY SYMBOL \\
        > asm.txt

SYMBOL is a substring of the demangled name ("search_extract::dates::find"); each
function whose name holds it is printed as objdump -d -l output, every instruction
prefixed with the instructions callgrind counted at its address.
"""
import sys, re, subprocess, collections
out, binary, sym = sys.argv[1], sys.argv[2], sys.argv[3]
cost = collections.Counter()
positions = None
addr = 0; line = 0
skip_next = False
for l in open(out):
    l = l.rstrip('\n')
    if l.startswith('positions:'):
        positions = l.split()[1:]
        continue
    if not l or not (l[0].isdigit() or l[0] in '+-*'):
        if l.startswith('calls='):
            skip_next = True
        continue
    parts = l.split()
    def val(tok, prev):
        if tok == '*': return prev
        if tok[0] in '+-': return prev + int(tok, 0) if not tok[1:].startswith('0x') else prev + (int(tok[1:],16) * (1 if tok[0]=='+' else -1))
        return int(tok, 0)
    a = val(parts[0], addr); addr = a
    ln = val(parts[1], line) if len(positions) > 1 else 0; line = ln
    c = int(parts[len(positions)]) if len(parts) > len(positions) else 0
    if skip_next:
        skip_next = False
        continue
    cost[a] += c
# find symbol range
nm = subprocess.run(['nm', '-C', '--size-sort', '-S', binary], capture_output=True, text=True).stdout
for row in nm.splitlines():
    f = row.split(None, 3)
    if len(f) == 4 and sym in f[3]:
        start = int(f[0], 16); size = int(f[1], 16)
        print('##', f[3], hex(start), size, 'self', sum(v for k, v in cost.items() if start <= k < start+size))
        dis = subprocess.run(['objdump', '-d', '--no-show-raw-insn', '-C', '-l', '--start-address=%d' % start, '--stop-address=%d' % (start+size), binary], capture_output=True, text=True).stdout
        for dl in dis.splitlines():
            m = re.match(r'\s*([0-9a-f]+):', dl)
            if m:
                c = cost.get(int(m.group(1), 16), 0)
                print('%10d %s' % (c, dl))
            else:
                print('%10s %s' % ('', dl))
