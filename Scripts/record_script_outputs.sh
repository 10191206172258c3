#!/bin/sh
# record_script_outputs.sh: re-records the expected output of the teaching programs in
# Examples/scripts/ from CPython, for Tests/MiniPyTests/ScriptComparisonTests.swift.
#
# For each Examples/scripts/NAME.py it runs `python3 NAME.py ARGS` (ARGS from the optional
# Tests/MiniPyTests/Fixtures/scripts/NAME.args, one line of space-separated arguments that keep
# the run short) and stores what it printed, minus the lines starting with "[timing]" (timings
# and kit-only parts), in Tests/MiniPyTests/Fixtures/scripts/NAME.expected. The fixtures are
# committed, so the tests themselves never need python3.
#
# Usage: Scripts/record_script_outputs.sh [NAME ...]     (default: every script)
# Environment: PYTHON (default python3) names the interpreter; it should be CPython 3.11.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
scripts="$root/Examples/scripts"
fixtures="$root/Tests/MiniPyTests/Fixtures/scripts"
python=${PYTHON:-python3}

version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != "3.11" ]; then
    echo "warning: recording with Python $version; the fixtures were made with CPython 3.11" >&2
fi
mkdir -p "$fixtures"

if [ $# -eq 0 ]; then
    set -- $(cd "$scripts" && ls *.py | sed 's/\.py$//')
fi

status=0
for name in "$@"; do
    name=${name%.py}
    args=""
    if [ -f "$fixtures/$name.args" ]; then args=$(cat "$fixtures/$name.args"); fi
    out=$(mktemp)
    # Run from the scripts directory, as a user would; $args is split into words on purpose.
    if (cd "$scripts" && "$python" "$name.py" $args) >"$out"; then
        grep -v '^\[timing\]' "$out" >"$fixtures/$name.expected" || true
        echo "recorded $name ($(wc -l <"$fixtures/$name.expected") lines)"
    else
        echo "error: $name.py failed under $python; its fixture was left unchanged" >&2
        status=1
    fi
    rm -f "$out"
done
exit $status
