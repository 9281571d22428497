"""QA aid only: stem-match sources for terms not in gold, and report which status of each gold concept's
target-language terms appears in the target. Judged by hand."""
import re, importlib.util, collections
spec = importlib.util.spec_from_file_location('b', 'tools/bilingual.py'); b = importlib.util.module_from_spec(spec)
import sys, io; old=sys.stdout; sys.stdout=io.StringIO(); spec.loader.exec_module(b); sys.stdout=old
terms=[l.rstrip('\n').split('\t') for l in open('tools/termlist.snapshot.tsv',encoding='utf-8')]
def st(w,n): return w.lower().replace('ё','е')[:n]
def find(text, lang, only=None):
    toks=[(m.start(),m.end(),m.group(0)) for m in re.finditer(r'\w+',text)]
    hits=[]
    for cid,l,s,term,ty in terms:
        if l!=lang or (only and cid!=only): continue
        tw=re.findall(r'\w+',term); n=len(tw)
        for k in range(len(toks)-n+1):
            ok=True
            for j in range(n):
                w=tw[j]; tok=toks[k+j][2]; p=max(min(5,len(w)),len(w)-3)
                if not (st(tok,p)==st(w,p) and len(tok)<=len(w)+9): ok=False;break
            if ok: hits.append((toks[k][0],text[toks[k][0]:toks[k+n-1][1]],term,s,cid))
    return hits
for name, units, sl, tl in [('XLF12',b.XLF12,'fi','ru'),('XLF20',b.XLF20,'ru','fi'),('PO',b.PO,'fi','ru'),('TMX',b.TMX,'ru','fi')]:
    print('=====',name)
    for uid,src,tgt,rows in units:
        gold={r[0] for r in rows}
        extra={(h[4],h[1],h[2]) for h in find(src,sl) if h[4] not in gold}
        for e in sorted(extra): print(f'  {uid} SRC-EXTRA? {e}')
        for cid,stt,code,note in rows:
            th=find(tgt,tl,cid)
            sts=sorted({(h[3],h[1]) for h in th})
            print(f'  {uid} {cid:40s} exp={code:10s} tgt={sts}')
