# kit_dictstr.py: one of the kit's own suite programs (dict and str work). Generates text from a
# word list with its own LCG, counts words and bigrams in dicts, groups words by first letter
# with setdefault, formats a report with %-formatting, f-strings and join, sorts by count with a
# key function, and round-trips records through split/strip/int. Checks its result.
import pyperf

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()


def make_text(count, seed):
    out = []
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(WORDS[(x >> 5) % len(WORDS)])
    return " ".join(out)


def analyse(text):
    counts = {}
    bigrams = {}
    words = text.split()
    prev = None
    for w in words:
        counts[w] = counts.get(w, 0) + 1
        if prev is not None:
            key = prev + "-" + w
            bigrams[key] = bigrams.get(key, 0) + 1
        prev = w
    groups = {}
    for w in counts:
        groups.setdefault(w[0], []).append(w)
    return counts, bigrams, groups


def report(counts, bigrams, groups):
    lines = []
    for word, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append("%-10s %5d %s" % (word, n, "*" * (n // 40)))
    top = sorted(bigrams, key=bigrams.get, reverse=True)[:10]
    for b in top:
        lines.append(f"{b:>20} {bigrams[b]:>4}")
    for letter in sorted(groups):
        lines.append(letter.upper() + ": " + ", ".join(sorted(groups[letter])))
    return "\n".join(lines)


def records(n):
    rows = []
    for i in range(n):
        rows.append("  %d , %s , %d  " % (i, WORDS[i % len(WORDS)], i * 7 % 13))
    total = 0
    names = {}
    for row in rows:
        a, b, c = row.split(",")
        total += int(a.strip()) * int(c.strip())
        name = b.strip()
        names[name] = names.get(name, "") + name[:2]
    return total, sum(len(v) for v in names.values())


def bench():
    text = make_text(8000, 3)
    counts, bigrams, groups = analyse(text)
    out = report(counts, bigrams, groups)
    total, length = records(2000)
    return len(out), out.count("a"), len(bigrams), total, length, text.upper().count("ALPHA")


EXPECTED = (1155, 42, 676, 11996014, 4000, 330)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_dictstr: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's dict and str program"
    runner.bench_func("kit_dictstr", bench)
