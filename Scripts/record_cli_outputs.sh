#!/bin/sh
# record_cli_outputs.sh: re-records, from CPython, what the programs in
# Tests/ExtdemoTests/Fixtures/cli/ print and how they exit, for Tests/ExtdemoTests/StdlibCLITests.swift.
#
# For each NAME.py it runs `python3 NAME.py` in that directory (standard input from NAME.stdin when
# it exists, else empty) and stores stdout in NAME.out, stderr in NAME.err and the exit status in
# NAME.status, with the directory's absolute path replaced by <dir>. The fixtures are committed:
# the tests never need python3.
#
# Usage: Scripts/record_cli_outputs.sh [NAME ...]     (default: every program)
# Environment: PYTHON (default python3); it should be CPython 3.11.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/Tests/ExtdemoTests/Fixtures/cli"
python=${PYTHON:-python3}

if [ $# -eq 0 ]; then
    set -- $(cd "$dir" && ls *.py | sed 's/\.py$//')
fi

for name in "$@"; do
    name=${name%.py}
    input=/dev/null
    [ -f "$dir/$name.stdin" ] && input="$dir/$name.stdin"
    (cd "$dir" && PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 "$python" "$name.py" <"$input" >"$name.out.tmp" 2>"$name.err.tmp")
    echo $? >"$dir/$name.status"
    sed "s|$dir|<dir>|g" "$dir/$name.out.tmp" >"$dir/$name.out"
    sed "s|$dir|<dir>|g" "$dir/$name.err.tmp" >"$dir/$name.err"
    rm -f "$dir/$name.out.tmp" "$dir/$name.err.tmp"
    echo "recorded $name (status $(cat "$dir/$name.status"))"
done
