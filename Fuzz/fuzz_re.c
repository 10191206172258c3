/* Fuzz/fuzz_re.c: a libFuzzer target for the regular-expression engine (Sources/MiniVM/Modules/
 * re_parse.c, re_compile.c, re_exec.c). Input: one byte of flags (IGNORECASE, MULTILINE, DOTALL,
 * VERBOSE, ASCII chosen by its bits; bit 7 makes it a bytes pattern), then the pattern, a 0 byte,
 * and the text; str patterns and texts are read as Latin-1 code points with every byte >= 0xF0
 * widened to a code point beyond the BMP, so both widths of text are covered. The pattern is
 * parsed and compiled; if that works, it runs as match and fullmatch from every position and as
 * search from a few (with must_advance past the first). A syntax error or no match is fine; a
 * crash, a sanitizer report or a hang (libFuzzer's -timeout) is a bug. Built by Scripts/fuzz.sh
 * with clang -fsanitize=fuzzer,address against the CShims sources and the three engine files. */
#include "mini.h"
#include "re_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int started;

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (!started) { started = 1; Mini_Initialize(); }
    if (n < 1) return 0;
    int sel = d[0];
    int flags = 0;
    if (sel & 1) flags |= RE_IGNORECASE;
    if (sel & 2) flags |= RE_MULTILINE;
    if (sel & 4) flags |= RE_DOTALL;
    if (sel & 8) flags |= RE_VERBOSE;
    if (sel & 16) flags |= RE_ASCII;
    int is_bytes = (sel & 128) != 0;
    d++; n--;
    size_t cut = 0;
    while (cut < n && d[cut] != 0) cut++;
    size_t plen = cut, tlen = cut < n ? n - cut - 1 : 0;
    const uint8_t *text = d + cut + (cut < n ? 1 : 0);
    uint32_t *pat = malloc((plen + 1) * sizeof *pat);
    uint32_t *wide = malloc((tlen + 1) * sizeof *wide);
    for (size_t i = 0; i < plen; i++) pat[i] = (!is_bytes && d[i] >= 0xF0) ? 0x1F600 + d[i] : d[i];
    for (size_t i = 0; i < tlen; i++) wide[i] = (!is_bytes && text[i] >= 0xF0) ? 0x1F600 + text[i] : text[i];
    RePattern rp;
    int r = _MiniRe_Parse(&rp, pat, (Mini_ssize_t)plen, flags, is_bytes);
    ReProgram prog;
    memset(&prog, 0, sizeof prog);
    if (r == 0 && _MiniRe_Compile(&rp, &prog) == 0) {
        prog.ascii_fold = is_bytes || (rp.flags & RE_ASCII);
        int any_wide = 0;
        for (size_t i = 0; i < tlen; i++) if (wide[i] > 255) any_wide = 1;
        ReText t = {0};
        t.len = (Mini_ssize_t)tlen;
        if (any_wide) t.u = wide; else t.b = text;
        Mini_ssize_t nslots = 2 * (prog.groups + 1), lastindex;
        Mini_ssize_t *slots = malloc((size_t)nslots * sizeof *slots);
        /* match and fullmatch from every position; search (itself a loop over the positions) from
         * the first two, the middle and the end only: a backtracking pattern such as
         * `\xff*\xff*\xff\xff` costs n^3 steps per search on n matching characters, as in CPython,
         * and a search from every position (n^4) timed the harness out on a 130-character text. */
        for (int mode = RE_MODE_MATCH; mode <= RE_MODE_SEARCH; mode++)
            for (Mini_ssize_t pos = 0; pos <= t.len; pos++) {
                if (mode == RE_MODE_SEARCH && pos > 1 && pos != t.len / 2 && pos != t.len) continue;
                if (_MiniRe_Exec(&prog, &t, pos, t.len, mode, mode == RE_MODE_SEARCH && pos > 0, slots, &lastindex) < 0)
                    MiniErr_Clear();
            }
        free(slots);
    }
    if (r == -2) MiniErr_Clear();
    _MiniRe_FreeProgram(&prog);
    _MiniRe_FreePattern(&rp);
    free(pat);
    free(wide);
    return 0;
}
