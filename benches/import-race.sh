#!/usr/bin/env bash
# Runs the .xlsx import side by side with a bare calamine read and with the
# bare inflate-and-tokenize floor, in one run, and prints the ratios the
# import targets are stated in (docs/performance.md):
#
#   benches/import-race.sh REGISTER_130K.xlsx DELIVERY_1M_DIR [RUNS]
#
# REGISTER_130K.xlsx is a ~130,000-row register; DELIVERY_1M_DIR a delivery
# whose register has ~1,000,000 rows (its .xlsx with "padron" in the name).
# Both are written by the generator on demand and are never committed.
# Each way runs RUNS times (default 5), interleaved so that the machine's
# load falls on all of them alike; the median wall time is reported. Peak
# memory is the maximum resident set size from /usr/bin/time. PRIORITY=1
# runs each timed way through benches/priority.sh, at the top of the
# scheduler's priority, for a machine shared with other work.
set -euo pipefail

register=${1:?usage: $0 REGISTER_130K.xlsx DELIVERY_1M_DIR [RUNS]}
delivery=${2:?usage: $0 REGISTER_130K.xlsx DELIVERY_1M_DIR [RUNS]}
runs=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
big=$(ls "$delivery"/*padron*.xlsx | head -n 1)

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" \
    -p cocina-benches --bin import-race -p cocina --bin cocina
race="$root/target/release/import-race"
prio=()
if [ -n "${PRIORITY:-}" ]; then prio=("$root/benches/priority.sh"); fi
cocina="$root/target/release/cocina"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs one way; appends "way seconds peak_kib user_s sys_s" to $out/times.
run() {
    local way=$1 status=0
    shift
    "${prio[@]}" /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" \
        || status=$?
    # `cocina import` exits 1 when the data has errors, as the generator
    # plants some; anything else is a failure.
    if ((status != 0)) && ! [[ $way == cli-out && $status == 1 ]]; then
        cat "$out/stderr" >&2
        exit 1
    fi
    echo "$way $(tail -n 1 "$out/time")" >>"$out/times"
}

for _ in $(seq "$runs"); do
    run 130k-calamine "$race" calamine "$register"
    run 130k-import "$race" import "$register"
    run 1m-floor "$race" floor "$big"
    run 1m-stream "$race" stream "$big"
    rm -rf "$out/canonical"
    run cli-out "$cocina" import "$delivery" --out "$out/canonical"
done

# Median wall seconds, largest peak memory and median CPU seconds (user +
# system, all threads) per way. On a loaded machine the wall time of a
# multi-threaded way suffers most; the CPU time shows the work done.
summary() {
    awk -v way="$1" '$1 == way { print $2, $3, $4 + $5 }' "$out/times" |
        sort -n | awk '{ t[NR] = $1; if ($2 > m) m = $2; c[NR] = $3 }
             END { n = asort(c); printf "%s %d %.2f\n", t[int((NR + 1) / 2)], m, c[int((n + 1) / 2)] }'
}

printf '%-14s %10s %12s %10s\n' way "median s" "peak MiB" "CPU s"
for way in 130k-calamine 130k-import 1m-floor 1m-stream cli-out; do
    read -r secs kib cpu < <(summary "$way")
    printf '%-14s %10s %12.1f %10s\n' "$way" "$secs" "$(echo "$kib / 1024" | bc -l)" "$cpu"
    declare "s_${way//-/_}=$secs"
done
echo "load average: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) cores"
ratio() { echo "scale=2; $1 / $2" | bc -l; }
echo
echo "130k register: import / bare calamine read = $(ratio "$s_130k_import" "$s_130k_calamine") (target <= 1.2)"
echo "1M register: streamed import / inflate+tokenize floor = $(ratio "$s_1m_stream" "$s_1m_floor") (target <= 1.3)"
echo "1M delivery: cocina import --out / floor = $(ratio "$s_cli_out" "$s_1m_floor")"
