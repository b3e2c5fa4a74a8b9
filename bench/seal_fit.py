#!/usr/bin/env python3
# Fits the seal comparison's score (seal::similarity in src/seal/compare.cc): a logistic model
# of "genuine" over the logarithms of the forgery evidence, on the
# tuning part of a seal_bench run's measures. Plain Python (no numpy).
#
#   build/release/bench/seal_bench --pairs 1200 --csv /tmp/seal.csv
#   python3 bench/seal_fit.py /tmp/seal.csv
#   (copy the printed constants into similarity(), rebuild, then
#    build/release/bench/seal_bench --from-csv /tmp/seal.csv --tune for the thresholds)
import csv
import math
import statistics
import sys

FEATURES = ['local_extra', 'extra_blob', 'blank_blob', 'missing']
FLOOR = 1e-3  # kFloor: log(x + FLOOR)


def value(row, f):
    return math.log(row[f] + FLOOR)


rows = list(csv.DictReader(open(sys.argv[1])))
for r in rows:
    for f in FEATURES:
        r[f] = float(r[f])
tune = [r for r in rows if r['tune'] == '1']
mu = {f: statistics.mean(value(r, f) for r in tune) for f in FEATURES}
sd = {f: statistics.pstdev([value(r, f) for r in tune]) or 1.0 for f in FEATURES}
xs = [[(value(r, f) - mu[f]) / sd[f] for f in FEATURES] for r in tune]
ys = [1 if r['kind'] == 'genuine' else 0 for r in tune]
w = [0.0] * len(FEATURES)
b = 0.0
for _ in range(4000):  # gradient descent on the log-loss, a touch of L2
    gw = [0.0] * len(FEATURES)
    gb = 0.0
    for x, y in zip(xs, ys):
        z = b + sum(a * c for a, c in zip(w, x))
        e = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - y
        gb += e
        for i, c in enumerate(x):
            gw[i] += e * c
    n = len(xs)
    b -= 0.3 * gb / n
    w = [a - 0.3 * (g / n + 1e-4 * a) for a, g in zip(w, gw)]
raw = {f: w[i] / sd[f] for i, f in enumerate(FEATURES)}
bias = b - sum(raw[f] * mu[f] for f in FEATURES)
print(f'kBias = {bias:.4f}')
for f in FEATURES:
    print(f'{f} = {raw[f]:.4f}')
