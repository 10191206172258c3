def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 8_000_000
    print(f"{total:,} iterations of pure Python in all, split over 1, 2, 4 and 8 threads")
    baseline = None
    for threads in (1, 2, 4, 8):
        results, elapsed = run_with(threads, total)
        if baseline is None:
            baseline = elapsed
        print(f"{threads} thread(s): {threads} results, sum {sum(results):,}")
        print(f"[timing]   {elapsed:.2f}s, {elapsed / baseline:.2f}x the one-thread time")


