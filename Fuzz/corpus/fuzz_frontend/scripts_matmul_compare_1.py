# (timings, speeds, and the native module, which only the kit has).
import math
import random
import sys
import threading
import time


def exact_matrix(n: int, p: int, q: int) -> list:
    """An n x n matrix of multiples of 1/8 in [-1, 1]: products and sums stay exact."""
    return [[((i * p + j * q) % 17 - 8) / 8 for j in range(n)] for i in range(n)]


