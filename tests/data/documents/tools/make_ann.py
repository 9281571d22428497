"""Compute code-point offsets for hand-chosen annotations (gold14).
Spec per document: list of (substring, concept_id, note) in text order.
Each substring is searched from the end of the previous match, must sit on word
boundaries, and is verified: text == file[start:end]."""
import sys, csv, importlib.util, os
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location('specs', os.path.join(HERE, 'tools', 'specs.py'))
specs = importlib.util.module_from_spec(spec); spec.loader.exec_module(specs)
ids = {l.split('\t')[0] for l in open(os.path.join(HERE, 'tools/termlist.snapshot.tsv'), encoding='utf-8')}
def isw(c): return c.isalnum()
bad = 0
for name, items in specs.SPECS.items():
    text = open(os.path.join(HERE, name + '.txt'), encoding='utf-8').read()
    cur = 0; rows = []
    for sub, cid, *note in items:
        note = note[0] if note else ''
        i = text.find(sub, cur)
        while i >= 0 and ((i > 0 and isw(text[i-1])) or (i+len(sub) < len(text) and isw(text[i+len(sub)]))):
            i = text.find(sub, i+1)
        if i < 0:
            print(f'{name}: NOT FOUND after {cur}: {sub!r}'); bad += 1; continue
        if cid not in ids:
            print(f'{name}: unknown concept {cid}'); bad += 1
        j = i + len(sub)
        assert text[i:j] == sub
        rows.append((i, j, sub, cid, note)); cur = j
    for a, b in zip(rows, rows[1:]):
        assert a[1] <= b[0], (name, a, b)
    with open(os.path.join(HERE, name + '.ann.tsv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
        w.writerow(['start', 'end', 'text', 'concept_id', 'notes'])
        for r in rows: w.writerow(r)
    print(f'{name}: {len(rows)} annotations')
sys.exit(1 if bad else 0)
