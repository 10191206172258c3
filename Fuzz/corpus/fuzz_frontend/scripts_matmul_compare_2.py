def random_matrix(n: int) -> list:
    """n x n values uniform in [-1, 1) from the (seeded) module-level generator."""
    return [[random.uniform(-1.0, 1.0) for _ in range(n)] for _ in range(n)]


def matmul_ijk(a: list, b: list, rows=None) -> list:
    """The textbook triple loop; computes only `rows` of the result when given."""
    n, k, m = len(a), len(b), len(b[0])
    c = [[0.0] * m for _ in range(n)]
    for i in (range(n) if rows is None else rows):
        ai = a[i]
        ci = c[i]
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += ai[p] * b[p][j]
            ci[j] = s
    return c


