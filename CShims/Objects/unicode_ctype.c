/* Objects/unicode_ctype.c: character classes and case mapping of code points, for the str methods
 * (isdigit, isalpha, split() on whitespace, upper(), title(), ...).
 *
 * Exact for ASCII and Latin-1, whose results programs depend on most, and for the whitespace set
 * str.split() uses. Beyond that it covers the common alphabets (Latin Extended-A/B pairs, Greek,
 * Cyrillic, Armenian, full-width Latin) and treats the CJK, kana and Hangul blocks as letters
 * without case; other scripts are approximations of the Unicode database, not a copy of it. */
#include "mini.h"
#include "lib_internal.h"

int _MiniUCD_IsSpace(uint32_t c) {
    if (c < 128) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

int _MiniUCD_IsLinebreak(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
           c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* The value of a decimal digit (0-9) in the common Nd blocks, or -1. */
int _MiniUCD_DecimalValue(uint32_t c) {
    static const uint32_t zeros[] = {
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
    };
    for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++)
        if (c >= zeros[i] && c <= zeros[i] + 9) return (int)(c - zeros[i]);
    return -1;
}

int _MiniUCD_IsDigit(uint32_t c) {
    /* Decimals plus superscripts and circled digits, as Python's isdigit. */
    return _MiniUCD_DecimalValue(c) >= 0 || c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x2079 && c != 0x2071 &&
           c != 0x2072 && c != 0x2073) || (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468) ||
           (c >= 0x2474 && c <= 0x247C) || (c >= 0x2488 && c <= 0x2490) || c == 0x24EA || (c >= 0x2776 && c <= 0x277E);
}

int _MiniUCD_IsNumeric(uint32_t c) {
    return _MiniUCD_IsDigit(c) || c == 0xBC || c == 0xBD || c == 0xBE || (c >= 0x2150 && c <= 0x2189) ||
           (c >= 0x2160 && c <= 0x2188) || c == 0x3007 || c == 0x4E00 || c == 0x4E8C ||
           c == 0x4E09 || c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D ||
           c == 0x5341 || c == 0x767E || c == 0x5343 || c == 0x4E07;
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

int _MiniUCD_IsAlpha(uint32_t c) {
    if (c < 128) return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c < 0x100) return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
    if (_MiniUCD_IsCased(c)) return 1;
    return (c >= 0x180 && c <= 0x24F) || (c >= 0x370 && c <= 0x3FF && c != 0x375 && c != 0x37E && c != 0x384 &&
           c != 0x385 && c != 0x387) || (c >= 0x400 && c <= 0x52F && !(c >= 0x482 && c <= 0x489)) ||
           (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A) || (c >= 0x904 && c <= 0x939) ||
           (c >= 0xE01 && c <= 0xE30) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3041 && c <= 0x3096) ||
           (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF21 && c <= 0xFF3A) ||
           (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0x20000 && c <= 0x3134A);
}

int _MiniUCD_IsPrintable(uint32_t c) {
    if (c < 0x20 || c == 0x7F) return 0;
    if (c >= 0x80 && c <= 0xA0) return 0;
    if (c == 0xAD) return 0;
    if ((c >= 0x200B && c <= 0x200F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x1680 ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
        return 0;
    if (c >= 0xD800 && c <= 0xDFFF) return 0;
    if (c >= 0xE000 && c <= 0xF8FF) return 0;
    return 1;
}
