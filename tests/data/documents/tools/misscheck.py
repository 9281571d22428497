"""QA aid only (not used to label): list uncovered stretches whose word stems
match a glossary term word-by-word (5-letter prefixes). Every hit is judged by hand."""
import sys,re,csv
terms=[l.rstrip('\n').split('\t') for l in open('tools/termlist.snapshot.tsv',encoding='utf-8')]
def st(w,n=5): return w.lower().replace('ё','е')[:n]
for name in sys.argv[1:]:
    lang=name[:2]; text=open(name+'.txt',encoding='utf-8').read()
    cov=[False]*len(text)
    for r in list(csv.reader(open(name+'.ann.tsv',encoding='utf-8'),delimiter='\t'))[1:]:
        for i in range(int(r[0]),int(r[1])): cov[i]=True
    toks=[(m.start(),m.end(),m.group(0)) for m in re.finditer(r'\w+',text)]
    out=set()
    for cid,l,s,term,ty in terms:
        if l!=lang: continue
        tw=re.findall(r'\w+',term)
        if not tw: continue
        n=len(tw)
        for k in range(len(toks)-n+1):
            def m(tok,w):
                p=max(min(5,len(w)),len(w)-3)
                return st(tok,p)==st(w,p) and len(tok)<=len(w)+9
            ok=all(m(toks[k+j][2],tw[j]) for j in range(n))
            if ok:
                a,b=toks[k][0],toks[k+n-1][1]
                if not all(cov[a:b]): out.add((a,text[a:b],term,s,cid))
    print('==',name)
    for a,t,term,s,cid in sorted(out): print(f'  {a}\t{t!r}\t~ {term} [{s}] {cid}')
