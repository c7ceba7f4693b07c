#!/usr/bin/env bash
# Aggregation benchmark, side by side in one run on the same files:
#   1. a 10,000,000-row canonical register CSV counted by municipality x sex
#      x age group by `cocina stats`, DuckDB and Polars (best of 3 runs each,
#      wall time and peak memory from /usr/bin/time -v), their results
#      compared cell by cell, and the ratios printed;
#   2. criterion: counting 10,000,000 encoded records against a plain scan
#      summing one field of them (the memory floor), and the streaming
#      register reader on its own.
#
# Usage: benches/aggregation.sh [DELIVERY_DIR]   (default /tmp/cocina-10m)
# The delivery is generated when missing; DuckDB and Polars are installed
# from PyPI into a virtual environment under target/. Nothing is committed.
# PRIORITY=1 runs every timed command through benches/priority.sh, at the
# top of the scheduler's priority, for a machine shared with other work.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/cocina-10m}
venv=target/bench-venv
runs=${RUNS:-3}
prio=()
if [ -n "${PRIORITY:-}" ]; then prio=(benches/priority.sh); fi

cargo build --release -p cocina -p cocina-generator
if [ ! -f "$dir/padron.csv" ]; then
  target/release/cocina-generate synthetic --people 10000000 --format csv "$dir"
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb polars
fi
py="$venv/bin/python"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cat > "$out/duckdb_query.py" <<'PY'
import sys, duckdb
d, out = sys.argv[1], sys.argv[2]
duckdb.sql(f"""
COPY (
  SELECT k.cve_mun, p.sexo, p.rango_edad, count(*) AS n
  FROM read_csv('{d}/padron.csv', all_varchar = true) p
  LEFT JOIN read_csv('{d}/comedores.csv', all_varchar = true) k
    ON p.clave_comedor = k.clave
  GROUP BY ALL
) TO '{out}' (HEADER)""")
PY
cat > "$out/polars_query.py" <<'PY'
import sys, polars as pl
d, out = sys.argv[1], sys.argv[2]
people = pl.scan_csv(f"{d}/padron.csv", infer_schema=False)
kitchens = pl.scan_csv(f"{d}/comedores.csv", infer_schema=False).select("clave", "cve_mun")
(people.join(kitchens, left_on="clave_comedor", right_on="clave", how="left")
    .group_by("cve_mun", "sexo", "rango_edad").agg(pl.len().alias("n"))
    .collect(engine="streaming").write_csv(out))
PY
cat > "$out/compare.py" <<'PY'
import csv, sys
ours, duck, pol = sys.argv[1:4]
sexes = {"female": "M", "male": "H", "non_binary": "X"}
mine = {}
for r in csv.DictReader(open(ours)):
    # Rows of kitchens by status leave the beneficiaries column empty.
    if r["level"] != "municipality" or "total" in (r["sex"], r["age_group"]) \
            or r["beneficiaries"] in ("", "0"):
        continue
    mine[(r["area_key"][2:], sexes.get(r["sex"], ""), r["age_group"])] = int(r["beneficiaries"])
for name, path in (("duckdb", duck), ("polars", pol)):
    theirs = {(r["cve_mun"], r["sexo"], r["rango_edad"]): int(r["n"]) for r in csv.DictReader(open(path))}
    same = "same" if theirs == mine else "DIFFERENT"
    print(f"{name}: {len(theirs)} cells, {sum(theirs.values())} people; ours {len(mine)} cells, {sum(mine.values())} people: {same}")
PY

# Runs a command $runs times; prints the best wall time (s) and its peak RSS (MiB).
best() {
  local best_s= best_kb=
  for _ in $(seq "$runs"); do
    "${prio[@]}" /usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null
    read -r s kb < "$out/time"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s best_kb=$kb; fi
  done
  echo "$best_s $((best_kb / 1024))"
}

echo "register: $dir ($(du -h "$dir/padron.csv" | cut -f1)), $(nproc) cores"
read -r ours_s ours_mb < <(best target/release/cocina stats "$dir" --internal --format csv)
read -r duck_s duck_mb < <(best "$py" "$out/duckdb_query.py" "$dir" "$out/duck.csv")
read -r pol_s pol_mb < <(best "$py" "$out/polars_query.py" "$dir" "$out/polars.csv")
target/release/cocina stats "$dir" --internal --format csv > "$out/ours.csv"
"$py" "$out/compare.py" "$out/ours.csv" "$out/duck.csv" "$out/polars.csv"
printf '%-22s %8s %10s\n' tool seconds 'peak MiB' \
  'cocina stats' "$ours_s" "$ours_mb" duckdb "$duck_s" "$duck_mb" polars "$pol_s" "$pol_mb"
awk -v o="$ours_s" -v d="$duck_s" -v p="$pol_s" 'BEGIN {
  f = d < p ? d : p
  printf "ours / faster of DuckDB and Polars = %.2f (goal <= 0.50)\n", o / f }'

cargo bench -p cocina-benches --bench aggregation --no-run
COCINA_BENCH_REGISTER="$dir" "${prio[@]}" cargo bench -p cocina-benches --bench aggregation -- \
  --warm-up-time 1 --measurement-time 5
est() { "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6)' \
  "target/criterion/$1/new/estimates.json"; }
scan=$(est records_10m/scan_sum_one_field)
count=$(est records_10m/count_municipality_sex_age)
awk -v s="$scan" -v c="$count" 'BEGIN {
  printf "encoded records: count %.1f ms, scan %.1f ms, count / scan = %.2f (goal <= 2)\n", c, s, c / s }'
