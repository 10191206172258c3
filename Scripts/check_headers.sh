#!/usr/bin/env bash
# check_headers.sh: the header tiers, checked with the C compiler alone.
#  1. The public C API compiles on its own: every sample extension in Examples/extensions and
#     Examples/first-extension, which include only <mini.h>, builds with -Wall -Wextra -Werror
#     against CShims/include and nothing else (-fsyntax-only: no runtime needed).
#  2. The core tier is fenced: including any header of CShims/internal or Sources/MiniVM/internal
#     from outside the core fails, and the message names the rule (MINI_BUILD_CORE).
# Exit status 0 when both hold, 1 otherwise (each failure printed). Needs cc (or $CC).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-cc}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for src in "$root"/Examples/first-extension/*.c "$root"/Examples/extensions/*.c; do
    # The sample extensions' own helper headers (kernels) are theirs, not the API's: allow them.
    if ! "$cc" -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fsyntax-only -I "$root/CShims/include" \
            -I "$root/Examples/extensions/include" -I "$root/Examples/extensions" -I "$root/Sources/SHA256Kernel/include" "$src" 2>"$tmp/err"; then
        echo "check_headers: $src does not compile against CShims/include alone:"; cat "$tmp/err"; status=1
    fi
done

for hdr in "$root"/CShims/internal/*.h "$root"/Sources/MiniVM/internal/*.h; do
    printf '#include "%s"\n' "$hdr" > "$tmp/probe.c"
    if "$cc" -fsyntax-only -I "$root/CShims/include" -I "$root/Sources/MiniVM/include" "$tmp/probe.c" 2>"$tmp/err"; then
        echo "check_headers: $hdr compiles outside the core (it must refuse without MINI_BUILD_CORE)"; status=1
    elif ! grep -q "MINI_BUILD_CORE" "$tmp/err"; then
        echo "check_headers: including $hdr fails without naming the rule:"; cat "$tmp/err"; status=1
    fi
done
[ $status -eq 0 ] && echo "check_headers: the public API compiles alone; every internal header refuses outside the core"
exit $status
