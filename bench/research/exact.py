# The exact mean of the reference protocol (proto.py: per label round(0.2 * count) held out, grouped
# kNN, ties to the smaller label) over EVERY possible stratified split, not 100 random ones: what a
# faithful implementation converges to with many splits. Small files only (jdgn has ~10^27 splits).
import sys, itertools, collections
from fractions import Fraction
from proto import load, vec, knn_paper
FILES = ['12_31tuya_cz.txt', '12_31jdsp_cz.txt', '12_31samsung_dp.txt', '12_30samsung_renti.txt']
for f in sys.argv[1:] or FILES:
    seqs = load(f); X = [vec(s) for _, s in seqs]; Y = [l for l, _ in seqs]
    by = collections.defaultdict(list)
    for i, l in enumerate(Y): by[l].append(i)
    choices = [list(itertools.combinations(by[l], int(round(0.2 * len(by[l]))))) for l in sorted(by)]
    out = []
    for k in (1, 3):
        total, n = Fraction(0), 0
        for combo in itertools.product(*choices):
            te = set(i for c in combo for i in c)
            tr = [(X[i], Y[i]) for i in range(len(X)) if i not in te]
            total += Fraction(sum(1 for i in te if knn_paper(tr, X[i], k=k) == Y[i]), len(te)); n += 1
        out.append(float(100 * total / n))
    print(f, n, 'splits:', ' '.join('k=%d %.2f' % (k, a) for k, a in zip((1, 3), out)), flush=True)
