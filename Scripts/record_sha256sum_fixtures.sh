#!/usr/bin/env bash
# record_sha256sum_fixtures.sh: records coreutils sha256sum's stdout, stderr and exit status for
# every case in Tests/ExtdemoTests/Fixtures/sha256sum/cases.txt, run in a copy of inputs/, as the
# reference `extdemo sha256sum` must reproduce byte for byte (Sha256sumDropInTests). Needs GNU
# coreutils' sha256sum; the tests never run it. Re-run after adding a case.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fx="$root/Tests/ExtdemoTests/Fixtures/sha256sum"
sha256sum --version | head -1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while IFS=$'\t' read -r name args; do
    case "$name" in ''|\#*) continue ;; esac
    rm -rf "$work/in" && cp -R "$fx/inputs" "$work/in"
    words=(); input=/dev/null
    # Split on spaces, "\ " keeping a space inside a word.
    for w in $(printf '%s' "$args" | sed 's/\\ /\x01/g'); do
        w=${w//$'\x01'/ }
        if [[ $w == \<* ]]; then input="$work/in/${w#<}"; else words+=("$w"); fi
    done
    status=0
    (cd "$work/in" && sha256sum "${words[@]}" <"$input" >"$fx/$name.out" 2>"$fx/$name.err") || status=$?
    echo "$status" > "$fx/$name.status"
done < "$fx/cases.txt"
echo "recorded into $fx"
