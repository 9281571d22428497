"""Verify every annotation: file[start:end] == text, sorted, non-overlapping; gold TSV columns."""
import csv, glob, os
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ok = True
for ann in sorted(glob.glob(os.path.join(HERE, '*.ann.tsv'))):
    txt = open(ann[:-8] + '.txt', encoding='utf-8').read()
    rows = list(csv.DictReader(open(ann, encoding='utf-8', newline=''), delimiter='\t'))
    prev = 0
    for r in rows:
        s, e = int(r['start']), int(r['end'])
        if txt[s:e] != r['text'] or s < prev: ok = False; print('BAD', ann, r)
        prev = e
    print(os.path.basename(ann), len(rows), 'ok' if ok else 'FAIL')
for g in sorted(glob.glob(os.path.join(HERE, '*.gold.tsv'))):
    rows = list(csv.DictReader(open(g, encoding='utf-8', newline=''), delimiter='\t'))
    assert all(r['expected_code'] in {'ok','missing','deprecated','admitted','count'} for r in rows)
    print(os.path.basename(g), len(rows), 'rows')
