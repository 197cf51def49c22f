from align import *
L1=variants['edit L1 gap|a| sign|a|+|b|']
def nmax(x,y): return L1(x,y)/max(sum(map(abs,x)),sum(map(abs,y)))
def nsum(x,y): return L1(x,y)/(sum(map(abs,x))+sum(map(abs,y)))
def nn_vote(train,x,dist,k=1):
    c=sorted(((dist(v,x),l) for v,l in train),key=lambda t:(t[0],t[1]))
    kth=c[min(k,len(c))-1][0]
    votes=collections.Counter(l for d,l in c if d<=kth); m=max(votes.values())
    return min(l for l in votes if votes[l]==m)
print(f"{'edit L1 / max bytes':35s}", *[f"{run(f,nn,dist=nmax,k=1):5.1f}" for f in FILES], flush=True)
print(f"{'edit L1 / sum bytes, ties vote':35s}", *[f"{run(f,nn_vote,dist=nsum,k=1):5.1f}" for f in FILES], flush=True)
print(f"{'edit L1 raw, ties vote':35s}", *[f"{run(f,nn_vote,dist=L1,k=1):5.1f}" for f in FILES], flush=True)
