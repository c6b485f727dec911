# Issue 12's bar: default runs against a full run, selector keep-alive.
#   python3 scripts/same-day-compare.py FULL.json DEFAULT1.json DEFAULT2.json   (scripts/same-day.sh runs it)
# Per model and run: goodput per round (the round's mean iteration score x its share of successful
# requests), the median over rounds and the spread (lowest-highest round); server CPU µs per request
# per round (CPU ÷ requests over the round's iterations), the median over rounds. Two models are
# separated in a run when their spreads do not overlap (otherwise a tie). The reference c-epoll (a C
# responder measured in every round, when the runs have it) takes no part in the order. Two more
# tables hold each model's figures as ratios within its run, against the full run's ratios: over the
# run's geometric mean of every model's figure (what "compare models as ratios measured in one run"
# keeps), and over c-epoll's (the C floor of the same run).
import json, math, sys, statistics

REFERENCE = 'c-epoll'

def load(path, method="selectorKeepAlive"):
    out = {}
    for e in json.load(open(path)):
        if e['mode'] != 'thrpt' or not e['benchmark'].endswith('.' + method):
            continue
        cls = e['benchmark'].split('.')[-2][:-len('Benchmark')]
        model = ''.join('-' + c.lower() if c.isupper() else c for c in cls).lstrip('-').replace('i-o-', 'io-')
        s = e['secondaryMetrics']
        rounds = []
        for scores, req, fail, cpu in zip(e['primaryMetric']['rawData'], s['requests']['rawData'],
                                          s['failures']['rawData'], s['serverCpuNanos']['rawData']):
            good = 1 - sum(fail) / sum(req) if sum(req) else 1
            rounds.append((statistics.mean(scores) * 1000 * good, sum(cpu) / sum(req) / 1000))
        rates = sorted(r for r, _ in rounds)
        out[model] = dict(med=statistics.median(rates), lo=rates[0], hi=rates[-1], n=len(rounds),
                          cpu=statistics.median(c for _, c in rounds), fail=s['failures']['score'])
    return out

def overlap(a, b):
    return a['lo'] <= b['hi'] and b['lo'] <= a['hi']

def ties(run, m):
    return [o for o in run if o != m and overlap(run[o], run[m])]

full = load(sys.argv[1]); runs = [load(p) for p in sys.argv[2:]]
references = [run.pop(REFERENCE, None) for run in [full] + runs]
order = sorted(full, key=lambda m: -full[m]['med'])
print("| model | full: req/s (spread) | " + " | ".join(f"default {i + 1}: req/s (spread), ties" for i in range(len(runs))) + " |")
print("|---|---|" + "---|" * len(runs))
for m in order:
    cells = []
    for run in [full] + runs:
        x = run[m]; t = ties(run, m)
        cells.append(f"{x['med']:,.0f} ({x['lo']:,.0f}–{x['hi']:,.0f})" + (f" tie: {', '.join(t)}" if t else ""))
    print(f"| {m} | " + " | ".join(cells) + " |")
print()
total = kept = 0
for i, a in enumerate(order):
    for b in order[i + 1:]:
        if overlap(full[a], full[b]):
            continue
        total += 1
        if all(run[a]['med'] > run[b]['med'] for run in runs):
            kept += 1
        else:
            print(f"- order differs: {a} above {b} in the full run ({full[a]['med']:,.0f} vs {full[b]['med']:,.0f}); defaults: "
                  + ", ".join(f"{run[a]['med']:,.0f} vs {run[b]['med']:,.0f}" for run in runs))
print(f"\n{kept} of {total} pairs that the full run separates are in the same order in every default run.\n")
print("| model | full req/s | " + " | ".join(f"default {i + 1} req/s (Δ)" for i in range(len(runs)))
      + " | full CPU µs/req | " + " | ".join(f"default {i + 1} CPU µs/req (Δ)" for i in range(len(runs))) + " |")
print("|---|---:|" + "---:|" * len(runs) + "---:|" + "---:|" * len(runs))
within = 0
for m in order:
    f = full[m]
    def cell(v, ref, form):
        d = (v / ref - 1) * 100
        return f"{v:{form}} ({d:+.0f} %{'' if abs(d) <= 15 else ' ✗'})"
    rate = [cell(run[m]['med'], f['med'], ',.0f') for run in runs]
    cpu = [cell(run[m]['cpu'], f['cpu'], ',.3g') for run in runs]
    ok = all(abs(run[m]['med'] / f['med'] - 1) <= 0.15 and abs(run[m]['cpu'] / f['cpu'] - 1) <= 0.15 for run in runs)
    within += ok
    print(f"| {m} | {f['med']:,.0f} | " + " | ".join(rate) + f" | {f['cpu']:.3g} | " + " | ".join(cpu) + " |")
print(f"\n{within} of {len(order)} models within 15 % of the full run in req/s and CPU µs/req in every default run (✗: outside).")

def geomean(values):
    values = list(values)
    return math.exp(sum(math.log(v) for v in values) / len(values))

def ratio_table(title, bases, label):
    """Each model's req/s and CPU over its run's base (req/s, CPU), against the full run's; 15 % marked."""
    print(f"\n{title}\n")
    print(f"| model | full req/s {label} | " + " | ".join(f"default {i + 1} (Δ)" for i in range(len(runs)))
          + f" | full CPU {label} | " + " | ".join(f"default {i + 1} (Δ)" for i in range(len(runs))) + " |")
    print("|---|---:|" + "---:|" * len(runs) + "---:|" + "---:|" * len(runs))
    within = 0
    for m in order:
        rate = [run[m]['med'] / base[0] for run, base in zip([full] + runs, bases)]
        cpu = [run[m]['cpu'] / base[1] for run, base in zip([full] + runs, bases)]
        def cell(v, ref):
            d = (v / ref - 1) * 100
            return f"{v:.3g} ({d:+.0f} %{'' if abs(d) <= 15 else ' ✗'})"
        ok = all(abs(v / rate[0] - 1) <= 0.15 for v in rate[1:]) and all(abs(v / cpu[0] - 1) <= 0.15 for v in cpu[1:])
        within += ok
        print(f"| {m} | {rate[0]:.3g} | " + " | ".join(cell(v, rate[0]) for v in rate[1:])
              + f" | {cpu[0]:.3g} | " + " | ".join(cell(v, cpu[0]) for v in cpu[1:]) + " |")
    print(f"\n{within} of {len(order)} models within 15 % of the full run {label}, req/s and CPU, in every default run.")

ratio_table("As ratios within each run: over the run's geometric mean of every model's figure (×gm):",
            [(geomean(run[m]['med'] for m in order), geomean(run[m]['cpu'] for m in order)) for run in [full] + runs], "×gm")

if any(r is None for r in references):
    print(f"\nNo {REFERENCE} in " + ", ".join(n for n, r in zip(['full'] + [f'default {i + 1}' for i in range(len(runs))], references)
                                       if r is None) + ": no multiples of the reference.")
    sys.exit(0)
print(f"\n{REFERENCE} (the reference): req/s " + ", ".join(f"{r['med']:,.0f}" for r in references)
      + "; CPU µs/req " + ", ".join(f"{r['cpu']:.3g}" for r in references) + " (full, then each default run).\n")
ratio_table(f"As multiples of {REFERENCE} in the same run (×C):", [(r['med'], r['cpu']) for r in references], "×C")
