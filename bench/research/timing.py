from proto import *
import math
def loadt(f):
    out=[]
    for l,s in load(f):
        v=[(l2-14) if d==1 else -(l2-14) for t,d,l2 in s]
        g=[0.0]+[max(1e-6,s[i][0]-s[i-1][0]) for i in range(1,len(s))]
        out.append((l,list(zip(v,g))))
    return out
def edit(x,y,w):
    n,m=len(x),len(y); prev=[0]*(m+1)
    for j in range(1,m+1): prev[j]=prev[j-1]+abs(y[j-1][0])
    for i in range(1,n+1):
        a,ga=x[i-1]; cur=[prev[0]+abs(a)]+[0]*m
        for j in range(1,m+1):
            b,gb=y[j-1]
            best=min(prev[j]+abs(a),cur[j-1]+abs(b))
            if (a>0)==(b>0):
                tc=w*abs(math.log10(ga+1e-3)-math.log10(gb+1e-3)) if i>1 and j>1 else 0
                best=min(best,prev[j-1]+abs(a-b)+tc)
            cur[j]=best
        prev=cur
    return prev[m]
def runt(f,w,reps=100):
    seqs=loadt(f); Y=[l for l,_ in seqs]; accs=[]
    for seed in range(reps):
        te=set(splits(Y,seed)); tr=[seqs[i] for i in range(len(seqs)) if i not in te]
        ok=0
        for i in te:
            x=seqs[i][1]
            c=sorted(((edit(v,x,w)/(sum(abs(p[0]) for p in v)+sum(abs(p[0]) for p in x)),l) for l,v in tr))
            ok+= c[0][1]==Y[i]
        accs.append(ok/len(te))
    return 100*sum(accs)/len(accs)
for w in [0,10,40]:
    print('timing w=%d bytes/decade'%w, *[f"{runt(f,w):5.1f}" for f in FILES], flush=True)
