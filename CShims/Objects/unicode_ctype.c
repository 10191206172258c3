/* Objects/unicode_ctype.c: character classes and case mapping of code points, for the str methods
 * (isdigit, isalpha, split() on whitespace, upper(), title(), ...).
 *
 * isalpha, isprintable, isdecimal/isdigit/isnumeric, isidentifier (XID_Start/XID_Continue) and the
 * decimal values are exact for all of
 * Unicode 14.0.0 (the version CPython 3.11 uses): range tables generated from python3 by
 * Scripts/gen_unicode_classes.py (unicode_class_table.h), searched by bisection after an ASCII
 * fast path. Whitespace is exact. Case mapping and isupper/islower cover the common alphabets
 * (Latin Extended-A/B pairs, Greek, Cyrillic, Armenian, full-width Latin); other scripts are
 * approximations of the Unicode database, not a copy of it. */
#include "mini.h"
#include "lib_internal.h"
#include "unicode_class_table.h"

/* 1 when c lies in one of the n sorted, disjoint ranges. */
static int in_ranges(const MiniUCDRange *r, size_t n, uint32_t c) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < r[mid].lo) hi = mid;
        else if (c > r[mid].hi) lo = mid + 1;
        else return 1;
    }
    return 0;
}
#define IN_TABLE(t, c) in_ranges((t), sizeof(t) / sizeof((t)[0]), (c))

int _MiniUCD_IsSpace(uint32_t c) {
    if (c < 128) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

int _MiniUCD_IsLinebreak(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
           c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* The value of a decimal digit (Nd, 0-9), or -1: the last run whose zero is <= c. */
int _MiniUCD_DecimalValue(uint32_t c) {
    if (c < 128) return (c >= '0' && c <= '9') ? (int)(c - '0') : -1;
    size_t lo = 0, hi = sizeof mini_ucd_decimal_zeros / sizeof mini_ucd_decimal_zeros[0];
    while (lo < hi) {   /* the first zero above c */
        size_t mid = (lo + hi) / 2;
        if (mini_ucd_decimal_zeros[mid] <= c) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return -1;
    uint32_t zero = mini_ucd_decimal_zeros[lo - 1];
    return c - zero <= 9 ? (int)(c - zero) : -1;
}

/* str.isdigit: decimals plus the other digits (superscripts, circled digits, ...). */
int _MiniUCD_IsDigit(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9';
    return IN_TABLE(mini_ucd_digit, c);
}

/* str.isnumeric: digits plus every other character with a numeric value (fractions, numerals). */
int _MiniUCD_IsNumeric(uint32_t c) {
    if (c < 128) return c >= '0' && c <= '9';
    return IN_TABLE(mini_ucd_numeric, c);
}

/* Upper / lower partners within the alphabets with simple one-to-one case pairs. Returns the
 * mapped code point, or c itself. */
uint32_t _MiniUCD_ToLower(uint32_t c) {
    if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
    if (c == 0x130) return 'i';
    if (c == 0x131) return c;
    if (c >= 0x100 && c <= 0x137) return c | 1;
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177) return c | 1;
    if (c == 0x178) return 0xFF;
    if (c == 0x179 || c == 0x17B || c == 0x17D) return c + 1;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c >= 0x460 && c <= 0x481) return c | 1;
    if (c >= 0x48A && c <= 0x4BF) return c | 1;
    if (c >= 0x4D0 && c <= 0x52F) return c | 1;
    if (c >= 0x531 && c <= 0x556) return c + 48;
    if (c >= 0x1E00 && c <= 0x1EFF && c != 0x1E9E) return c | 1;
    if (c == 0x1E9E) return 0xDF;
    if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
    return c;
}

uint32_t _MiniUCD_ToUpper(uint32_t c) {
    if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c == 0xB5) return 0x39C;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c == 0x131) return 'I';
    if (c == 0x130) return c;
    if (c >= 0x100 && c <= 0x137) return c & ~1u;
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c : c - 1;
    if (c >= 0x14A && c <= 0x177) return c & ~1u;
    if (c == 0x17A || c == 0x17C || c == 0x17E) return c - 1;
    if (c == 0x17F) return 'S';
    if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;
    if (c == 0x3C2) return 0x3A3;
    if (c == 0x3AC) return 0x386;
    if (c >= 0x3AD && c <= 0x3AF) return c - 37;
    if (c == 0x3CC) return 0x38C;
    if (c == 0x3CD || c == 0x3CE) return c - 63;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if (c >= 0x460 && c <= 0x481) return c & ~1u;
    if (c >= 0x48A && c <= 0x4BF) return c & ~1u;
    if (c >= 0x4D0 && c <= 0x52F) return c & ~1u;
    if (c >= 0x561 && c <= 0x586) return c - 48;
    if (c >= 0x1E00 && c <= 0x1EFF && c != 0x1E9E) return c & ~1u;
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 32;
    return c;
}

int _MiniUCD_IsUpper(uint32_t c) { return _MiniUCD_ToLower(c) != c || c == 0x1E9E || c == 0x130; }
int _MiniUCD_IsLower(uint32_t c) {
    return _MiniUCD_ToUpper(c) != c || c == 0xDF || c == 0xAA || c == 0xBA || c == 0x149 || c == 0x138;
}
int _MiniUCD_IsCased(uint32_t c) { return _MiniUCD_IsUpper(c) || _MiniUCD_IsLower(c); }

/* str.isalpha: the letters (Lu, Ll, Lt, Lm, Lo). */
int _MiniUCD_IsAlpha(uint32_t c) {
    if (c < 128) return (c | 32) >= 'a' && (c | 32) <= 'z';
    return IN_TABLE(mini_ucd_alpha, c);
}

/* str.isidentifier's classes: the first character (XID_Start or '_') and the others. */
int _MiniUCD_IsXIDStart(uint32_t c) {
    if (c < 128) return c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z');
    return IN_TABLE(mini_ucd_xid_start, c);
}
int _MiniUCD_IsXIDContinue(uint32_t c) {
    if (c < 128) return c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
    return IN_TABLE(mini_ucd_xid_continue, c);
}

/* str.isprintable (and what repr() leaves unescaped): all but the Other and Separator
 * categories, the space excepted. */
int _MiniUCD_IsPrintable(uint32_t c) {
    if (c < 128) return c >= 0x20 && c != 0x7F;
    return !IN_TABLE(mini_ucd_nonprintable, c);
}
