#!/bin/sh
# record_module_outputs.sh: re-records the expected output of the standard-library test programs
# in Tests/MiniPyTests/Fixtures/modules/ from CPython, for Tests/MiniPyTests/FrozenModuleTests.swift.
#
# For each Fixtures/modules/NAME.py it runs `python3 NAME.py` in that directory and stores what it
# printed on stdout in NAME.expected (the programs print their error cases from `except` blocks,
# so stdout is all there is to compare). The fixtures are committed: the tests never need python3.
#
# Usage: Scripts/record_module_outputs.sh [NAME ...]     (default: every program)
# Environment: PYTHON (default python3) names the interpreter; it should be CPython 3.11.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/Tests/MiniPyTests/Fixtures/modules"
python=${PYTHON:-python3}

version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != "3.11" ]; then
    echo "warning: recording with Python $version; the fixtures were made with CPython 3.11" >&2
fi

if [ $# -eq 0 ]; then
    set -- $(cd "$dir" && ls *.py | sed 's/\.py$//')
fi

status=0
for name in "$@"; do
    name=${name%.py}
    out=$(mktemp)
    if (cd "$dir" && PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 "$python" "$name.py") >"$out"; then
        mv "$out" "$dir/$name.expected"
        echo "recorded $name ($(wc -l <"$dir/$name.expected") lines)"
    else
        echo "error: $name.py failed under $python; its fixture was left unchanged" >&2
        rm -f "$out"
        status=1
    fi
done
exit $status
