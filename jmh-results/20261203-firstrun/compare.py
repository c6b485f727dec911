# Ranking table of default runs against a full run (selectorKeepAlive), ties marked, 15 % bar.
import json, sys, statistics
def load(path, method="selectorKeepAlive"):
    out = {}
    for e in json.load(open(path)):
        if e['mode'] != 'thrpt' or not e['benchmark'].endswith('.' + method):
            continue
        cls = e['benchmark'].split('.')[-2][:-len('Benchmark')]
        model = ''.join('-' + c.lower() if c.isupper() else c for c in cls).lstrip('-').replace('i-o-','io-')
        s = e['secondaryMetrics']; req = s['requests']['score']; fail = s['failures']['score']
        good = 1 - fail / req if req else 1
        means = sorted(sum(f) / len(f) * 1000 * good for f in e['primaryMetric']['rawData'])
        n = len(means); med = means[n//2] if n % 2 else (means[n//2-1] + means[n//2]) / 2
        out[model] = dict(med=med, lo=means[0], hi=means[-1], n=n, cpu=s['serverCpuNanos']['score'] / req / 1000,
                          client=s['clientCpuNanos']['score'] / req / 1000, fail=fail)
    return out
def overlap(a, b): return a['n'] > 1 and b['n'] > 1 and a['lo'] <= b['hi'] and b['lo'] <= a['hi']
def ranks(r): return {m: i + 1 for i, m in enumerate(sorted(r, key=lambda m: -r[m]['med']))}
full = load(sys.argv[1]); runs = [load(p) for p in sys.argv[2:]]
fr = ranks(full); rr = [ranks(r) for r in runs]
print("| model | full: rank, req/s (fork spread) | " + " | ".join(f"default {i+1}: rank, req/s (round spread), ties" for i in range(len(runs))) + " |")
print("|---|---|" + "---|" * len(runs))
for m in sorted(full, key=lambda m: fr[m]):
    f = full[m]
    ft = [o for o in full if o != m and overlap(full[o], f)]
    cells = [f"{fr[m]}. {f['med']:,.0f} ({f['lo']:,.0f}–{f['hi']:,.0f})" + (" tie: " + ", ".join(ft) if ft else "")]
    for r, k in zip(runs, rr):
        x = r[m]; t = [o for o in r if o != m and overlap(r[o], x)]
        cells.append(f"{k[m]}. {x['med']:,.0f} ({x['lo']:,.0f}–{x['hi']:,.0f})" + (" tie: " + ", ".join(t) if t else ""))
    print(f"| {m} | " + " | ".join(cells) + " |")
print()
print("Pairs the full run separates (fork spreads apart), and whether each default run keeps their order:")
bad = 0; total = 0
ms = list(full)
for i in range(len(ms)):
    for j in range(i + 1, len(ms)):
        a, b = ms[i], ms[j]
        if overlap(full[a], full[b]) or full[a]['n'] < 2 or full[b]['n'] < 2: continue
        total += 1
        sign = full[a]['med'] > full[b]['med']
        kept = [ (r[a]['med'] > r[b]['med']) == sign for r in runs]
        if not all(kept):
            bad += 1; print(f"  order differs: {a} vs {b}: full {full[a]['med']:,.0f} vs {full[b]['med']:,.0f}; defaults " +
                            ", ".join(f"{r[a]['med']:,.0f} vs {r[b]['med']:,.0f}" for r in runs))
print(f"  {total - bad} of {total} separated pairs in the same order in every default run")
print()
print("| model | full req/s | " + " | ".join(f"default {i+1} req/s (Δ)" for i in range(len(runs))) + " | CPU µs/req before (full, in-JVM basis) | " + " | ".join(f"after: default {i+1} (Δ)" for i in range(len(runs))) + " |")
print("|---|---:|" + "---:|" * len(runs) + "---:|" + "---:|" * len(runs))
for m in sorted(full, key=lambda m: fr[m]):
    f = full[m]
    c1 = [f"{r[m]['med']:,.0f} ({(r[m]['med']/f['med']-1)*100:+.0f} %)" for r in runs]
    c2 = [f"{r[m]['cpu']:.3g} ({(r[m]['cpu']/f['cpu']-1)*100:+.0f} %)" for r in runs]
    print(f"| {m} | {f['med']:,.0f} | " + " | ".join(c1) + f" | {f['cpu']:.3g} | " + " | ".join(c2) + " |")
