#!/bin/sh
# record_lang_fixtures.sh: re-records, from CPython, what the language-feature programs in
# Tests/MiniPyTests/Fixtures/lang/ print, for Tests/MiniPyTests/LangFeatureTests.swift.
#
# For each NAME.py it runs `python3 NAME.py` in that directory and stores stdout in NAME.expected;
# a non-empty stderr goes to NAME.stderr with the directory prefix removed from file names (the
# tests run the program as "NAME.py"), and a non-zero exit status to NAME.exit. The fixtures are
# committed, so the tests never need python3.
#
# Usage: Scripts/record_lang_fixtures.sh [NAME ...]     (default: every program)
# Environment: PYTHON (default python3) names the interpreter; it should be CPython 3.11.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/Tests/MiniPyTests/Fixtures/lang"
python=${PYTHON:-python3}

version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != "3.11" ]; then
    echo "warning: recording with Python $version; the fixtures were made with CPython 3.11" >&2
fi
if [ $# -eq 0 ]; then
    set -- $(cd "$dir" && ls *.py | sed 's/\.py$//')
fi
cd "$dir"
for name in "$@"; do
    rm -f "$name.stderr" "$name.exit"
    status=0
    "$python" "$name.py" > "$name.expected" 2> "$name.stderr.tmp" || status=$?
    if [ -s "$name.stderr.tmp" ]; then
        sed "s|$dir/||g" "$name.stderr.tmp" > "$name.stderr"
    fi
    rm -f "$name.stderr.tmp"
    if [ "$status" -ne 0 ]; then echo "$status" > "$name.exit"; fi
    echo "recorded $name (exit $status)"
done
