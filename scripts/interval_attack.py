#!/usr/bin/env python3
"""Works out, as a reader could, what the published package gives away of its
suppressed figures, apart from the code that suppressed them.

The reader starts from what each figure says: a published count is exact; a
figure marked `celda_pequena` is 1 to the threshold minus one, or from 0
when it is a term of a sum also marked `celda_pequena` (whose zeros are
suppressed too); a `complementaria` figure is at least the threshold. Then
every sum (across sexes, across age groups, the state over its
municipalities, a municipality over its kitchens) narrows its members until
nothing changes. Reads the state, municipality and kitchen tables of a
package written without `--reference`:

    cargo run --release -p cocina -- publish examples/entrega-2016 --out sitio
    python3 scripts/interval_attack.py sitio/datos

Prints how many figures are suppressed, how many small ones a reader narrows
below 1 to the threshold minus one (known to be at least 2, or at most the
threshold minus two without being known to be 0), and how many figures are
pinned to one value. The threshold is read from `datapackage.json`. For a
package written before zeros within small figures were suppressed, add
`--zeros-published`: every `celda_pequena` figure then starts from 1.
"""

import collections
import csv
import json
import sys

OPEN = 10**12
LEVELS = [
    ("estado", "beneficiarios_estado.csv", None),
    ("municipio", "beneficiarios_municipio.csv", "cve_mun"),
    ("cocina", "beneficiarios_cocina.csv", "clave"),
]


def read_figures(data):
    """Every published figure: (level, area, sex, age) -> (count, mark)."""
    figures = {}
    for level, name, key in LEVELS:
        with open(f"{data}/{name}", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                area = row[key] if key else ""
                count = row["beneficiarios"]
                value = int(count) if count != "" else None
                figure = (level, area, row["sexo"], row["grupo_edad"])
                figures[figure] = (value, row["supresion"])
    return figures


def sums(figures, data):
    """Each sum as (total, [terms]), over the figures listed."""
    with open(f"{data}/cocinas.csv", encoding="utf-8") as f:
        municipality_of = {r["clave"]: r["cve_mun"] for r in csv.DictReader(f)}
    sexes = sorted({f[2] for f in figures} - {"total"})
    ages = sorted({f[3] for f in figures} - {"total"})
    areas = collections.defaultdict(set)
    for level, area, _, _ in figures:
        areas[level].add(area)
    found = []
    for level, area in {(f[0], f[1]) for f in figures}:
        for age in ages + ["total"]:
            found.append(((level, area, "total", age), [(level, area, s, age) for s in sexes]))
        for sex in sexes + ["total"]:
            found.append(((level, area, sex, "total"), [(level, area, sex, a) for a in ages]))
    for sex in sexes + ["total"]:
        for age in ages + ["total"]:
            terms = [("municipio", m, sex, age) for m in areas["municipio"]]
            found.append((("estado", "", sex, age), terms))
            kitchens = collections.defaultdict(list)
            for k in areas["cocina"]:
                kitchens[municipality_of.get(k, "")].append(("cocina", k, sex, age))
            for m, terms in kitchens.items():
                found.append((("municipio", m, sex, age), terms))
    # A figure that is not listed is an empty "unknown" value: zero.
    return [(t, [m for m in terms if m in figures]) for t, terms in found if t in figures]


def start(figures, lines, threshold, zeros_published):
    """What each figure's own mark says."""
    within_small = set()
    for total, terms in lines:
        if figures[total][1] == "celda_pequena" and not zeros_published:
            within_small.update(terms)
    bounds = {}
    for figure, (value, mark) in figures.items():
        if value is not None:
            bounds[figure] = (value, value)
        elif mark == "celda_pequena":
            bounds[figure] = (0 if figure in within_small else 1, threshold - 1)
        else:
            bounds[figure] = (threshold, OPEN)
    return bounds


def narrow_all(bounds, lines):
    """Narrows every figure over every sum until nothing changes."""
    lines_of = collections.defaultdict(list)
    for i, (total, terms) in enumerate(lines):
        for figure in [total, *terms]:
            lines_of[figure].append(i)
    work = collections.deque(range(len(lines)))
    queued = set(work)
    while work:
        i = work.popleft()
        queued.discard(i)
        total, terms = lines[i]
        lo = sum(bounds[t][0] for t in terms)
        hi = min(OPEN, sum(bounds[t][1] for t in terms))
        changed = []

        def narrow(figure, new_lo, new_hi):
            old_lo, old_hi = bounds[figure]
            lo2, hi2 = max(old_lo, new_lo), min(old_hi, new_hi)
            if (lo2, hi2) != (old_lo, old_hi) and lo2 <= hi2:
                bounds[figure] = (lo2, hi2)
                changed.append(figure)

        narrow(total, lo, hi)
        sum_lo, sum_hi = bounds[total]
        for term in terms:
            others_lo = lo - bounds[term][0]
            others_hi = hi - bounds[term][1] if hi < OPEN else OPEN
            narrow(term, sum_lo - others_hi if others_hi < OPEN else 0, sum_hi - others_lo)
        for figure in changed:
            for j in lines_of[figure]:
                if j not in queued:
                    queued.add(j)
                    work.append(j)


def main():
    data = sys.argv[1]
    zeros_published = "--zeros-published" in sys.argv[2:]
    with open(f"{data}/datapackage.json", encoding="utf-8") as f:
        threshold = json.load(f)["suppression_threshold"]
    figures = read_figures(data)
    lines = sums(figures, data)
    bounds = start(figures, lines, threshold, zeros_published)
    narrow_all(bounds, lines)
    suppressed = [f for f, (value, _) in figures.items() if value is None]
    small = [f for f in suppressed if figures[f][1] == "celda_pequena"]
    narrowed = [f for f in small if bounds[f][0] > 1 or 0 < bounds[f][1] < threshold - 1]
    pinned = [f for f in suppressed if bounds[f][0] == bounds[f][1]]
    by_mark = collections.Counter(figures[f][1] for f in pinned)
    print(f"{len(figures)} figures, {len(suppressed)} suppressed ({len(small)} celda_pequena)")
    print(f"celda_pequena narrowed below 1 to {threshold - 1}: {len(narrowed)}")
    print(f"pinned to one value: {len(pinned)} {dict(by_mark)}")


if __name__ == "__main__":
    main()
