def matmul_ikj(a: list, b: list) -> list:
    """The same product, the inner loop running along a row of b and of the result."""
    n, k, m = len(a), len(b), len(b[0])
    c = [[0.0] * m for _ in range(n)]
    for i in range(n):
        ci = c[i]
        for p in range(k):
            aip = a[i][p]
            bp = b[p]
            for j in range(m):
                ci[j] += aip * bp[j]
    return c


