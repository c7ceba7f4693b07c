#!/usr/bin/env bash
# Runs a command at the top of the scheduler's priority: in a session (and so
# a scheduler autogroup) of its own whose nice value is -20, and at nice -20
# inside it. On a machine shared with builds and tests, the command then gets
# the cores as on an idle machine, while caches and memory bandwidth stay
# shared. Without root it runs the command as it is and says so.
#
# Usage: benches/priority.sh COMMAND [ARGS...]
set -euo pipefail
if [ "$(id -u)" -ne 0 ] || [ ! -w /proc/self/autogroup ]; then
  echo "priority.sh: not root, running at normal priority" >&2
  exec "$@"
fi
exec setsid -w bash -c 'echo -20 > /proc/self/autogroup && exec nice -n -20 "$@"' priority "$@"
