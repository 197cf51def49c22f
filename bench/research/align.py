from proto import *
def edit(x,y,gap=lambda a:abs(a),sub=None,signpen=None):
    n,m=len(x),len(y)
    prev=[0]*(m+1)
    for j in range(1,m+1): prev[j]=prev[j-1]+gap(y[j-1])
    for i in range(1,n+1):
        cur=[0]*(m+1); cur[0]=prev[0]+gap(x[i-1])
        a=x[i-1]
        for j in range(1,m+1):
            b=y[j-1]
            if (a>0)==(b>0): s=sub(a,b)
            else: s=signpen(a,b)
            cur[j]=min(prev[j-1]+s, prev[j]+gap(a), cur[j-1]+gap(b))
        prev=cur
    return prev[m]
def dtw(x,y,signpen):
    n,m=len(x),len(y); INF=float('inf')
    prev=[INF]*(m+1); prev[0]=0
    for i in range(1,n+1):
        cur=[INF]*(m+1)
        for j in range(1,m+1):
            a,b=x[i-1],y[j-1]
            c=abs(a-b) if (a>0)==(b>0) else signpen(a,b)
            cur[j]=c+min(prev[j-1],prev[j],cur[j-1])
        prev=cur
    return prev[m]
def nn(train,x,dist,k=1):
    c=sorted(((dist(v,x),l) for v,l in train),key=lambda t:(t[0],t[1]))
    votes=collections.Counter(l for _,l in c[:k]); m=max(votes.values())
    return min(l for l in votes if votes[l]==m)
variants={
 'edit L1 gap|a| sign|a|+|b|': lambda x,y: edit(x,y,gap=abs,sub=lambda a,b:abs(a-b),signpen=lambda a,b:abs(a)+abs(b)),
 'edit L1 gap|a| sign 10x': lambda x,y: edit(x,y,gap=abs,sub=lambda a,b:abs(a-b),signpen=lambda a,b:10*(abs(a)+abs(b))),
 'edit L1 gap const40': lambda x,y: edit(x,y,gap=lambda a:40,sub=lambda a,b:abs(a-b),signpen=lambda a,b:1000),
 'edit L2 gap a^2': lambda x,y: edit(x,y,gap=lambda a:a*a,sub=lambda a,b:(a-b)**2,signpen=lambda a,b:a*a+b*b),
 'edit L1 gap|a|+20': lambda x,y: edit(x,y,gap=lambda a:abs(a)+20,sub=lambda a,b:abs(a-b),signpen=lambda a,b:abs(a)+abs(b)+40),
 'dtw L1 sign|a|+|b|': lambda x,y: dtw(x,y,lambda a,b:abs(a)+abs(b)),
 'dtw L1 sign 10000': lambda x,y: dtw(x,y,lambda a,b:10000),
}
sel=sys.argv[1:] or (list(variants) if __name__=="__main__" else [])
for name in sel:
    d=variants[name]
    print(f"{name:35s}", *[f"{run(f,nn,dist=d,k=1):5.1f}" for f in FILES], flush=True)
