#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets under Fuzz/ and runs each for a bounded time, failing on
# any crash, sanitizer report or timeout (libFuzzer's own exit status). Used by .ci/run with a
# short budget; run it longer yourself: FUZZ_SECONDS=600 Scripts/fuzz.sh.
#
#   Fuzz/fuzz_capi.c   the C API's text-driven entry points (int/float parsing, the % and
#                      format-spec mini-languages, MiniArg_ParseTuple / Mini_BuildValue formats),
#                      built with clang -fsanitize=fuzzer,address against the CShims sources.
#   Fuzz/fuzz_re.c     the regular-expression engine (parser, compiler, matcher of `re`), built
#                      against the CShims sources plus Sources/MiniVM/Modules/re_*.c.
#
# Seeds: Fuzz/corpus/<target>/ (committed). The run works on a copy under .build-fuzz/, so new
# inputs libFuzzer finds do not change the tree; a crashing input is left in .build-fuzz/ and its
# path printed: turn it into a regression test (Tests/MiniPyTests/CrashProofTests.swift).
# Environment: FUZZ_SECONDS (default 20 per target), CC (default: clang, then /opt/swift's).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-20}
cc=${CC:-clang}
command -v "$cc" >/dev/null 2>&1 || cc=/opt/swift/usr/bin/clang
out="$root/.build-fuzz"
mkdir -p "$out/obj"
flags=(-O1 -g -D_GNU_SOURCE -DMINI_BUILD_CORE -I"$root/CShims/include" -I"$root/CShims/internal")

echo "== fuzz: building the CShims objects with $cc (sanitizer coverage + ASan)"
for f in "$root"/CShims/Objects/*.c "$root"/CShims/Python/*.c; do
    o="$out/obj/$(basename "$f" .c).o"
    if [ ! -e "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find "$root/CShims/include" "$root/CShims/internal" -newer "$o" -print -quit)" ]; then
        "$cc" -c "${flags[@]}" -fsanitize=fuzzer-no-link,address "$f" -o "$o"
    fi
done

status=0
# The targets and the extra sources each links beside the CShims objects.
extra_fuzz_re=("$root"/Sources/MiniVM/Modules/re_parse.c "$root"/Sources/MiniVM/Modules/re_compile.c
               "$root"/Sources/MiniVM/Modules/re_exec.c)
for target in fuzz_capi fuzz_re; do
    echo "== fuzz: $target for ${seconds}s"
    extra=()
    if [ "$target" = fuzz_re ]; then extra=(-I"$root/Sources/MiniVM/internal" "${extra_fuzz_re[@]}"); fi
    "$cc" "${flags[@]}" -fsanitize=fuzzer,address "$root/Fuzz/$target.c" "${extra[@]}" "$out"/obj/*.o -o "$out/$target" -lpthread -ldl -lm
    work="$out/corpus-$target"
    mkdir -p "$work"
    cp -n "$root/Fuzz/corpus/$target"/* "$work"/ 2>/dev/null || true
    # detect_leaks=0, both to libFuzzer (per input) and to ASan (at exit: the fuzzer never
    # finalises the runtime): the runtime's caches (interned strings, small ints) look like leaks
    # there; the tests' live-object baselines cover leaks instead. Crashes, hangs and memory errors
    # still fail the run.
    if ! (cd "$out" && ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=0 nice "./$target" -max_total_time="$seconds" \
            -max_len=256 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 "$work" \
            > "$out/$target.log" 2>&1); then
        echo "fuzz: $target FAILED; the end of its log ($out/$target.log):"
        tail -40 "$out/$target.log"
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^Done" "$out/$target.log" || true
done
exit $status
