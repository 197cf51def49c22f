import glob,collections,random,math,sys
import os
D=os.environ['IOTEVENTS_DIR'] + '/'  # the authors' sequence files (core/src/test/resources/realdata/data/iotevents)
def load(f):
    seqs=[];cur=[]
    for line in open(D+f,newline=''):
        line=line.rstrip('\r\n')
        if line.startswith('\t'):
            p=line.strip('\t').split('\t'); cur.append((float(p[0]),int(p[2]),int(p[3])))
        elif line.strip():
            seqs.append((line.strip(),cur));cur=[]
    return seqs
FILES=['12_27jdgn_cz.txt','12_31tuya_cz.txt','12_31jdsp_cz.txt','12_31samsung_dp.txt','12_30samsung_renti.txt']
def vec(s): return [ (l-14) if d==1 else -(l-14) for t,d,l in s]
def splits(labels,seed,frac=0.2,rnd=round):
    r=random.Random(seed); by=collections.defaultdict(list)
    for i,l in enumerate(labels): by[l].append(i)
    test=[]
    for l in sorted(by):
        idx=by[l][:]; r.shuffle(idx); nt=int(rnd(frac*len(idx))) 
        if len(idx)>1 and nt==0 and rnd is not round: nt=1
        test+=idx[:nt]
    return test
def knn_paper(train,x,k=1):
    c=[(sum((a-b)**2 for a,b in zip(v,x)),l) for v,l in train if len(v)==len(x)]
    if not c: return None
    c.sort(key=lambda t:(t[0],t[1]))
    votes=collections.Counter(l for _,l in c[:k])
    m=max(votes.values()); return min(l for l in votes if votes[l]==m)
def run(f,clf,reps=100,**kw):
    seqs=load(f); X=[vec(s) for _,s in seqs]; Y=[l for l,_ in seqs]
    accs=[]
    for seed in range(reps):
        te=set(splits(Y,seed))
        tr=[(X[i],Y[i]) for i in range(len(X)) if i not in te]
        ok=sum(1 for i in te if clf(tr,X[i],**kw)==Y[i])
        accs.append(ok/len(te))
    return 100*sum(accs)/len(accs)
if __name__=='__main__':
    for f in FILES: print(f, round(run(f,knn_paper,k=1),1), round(run(f,knn_paper,k=3),1))
