# record_pickle_fixtures.py: records CPython's pickle bytes for the values the kit's pickle
# module must reproduce exactly (Tests/MiniPyTests/Fixtures/pickle/cpython.txt). Run once with
# python3 (3.11 recorded the committed file); the tests never need python3.
# Each line: a name, a tab, a Python expression, a tab, the hex of pickle.dumps(value, protocol).
import pickle, sys

CASES = [
    ("none", "None"), ("true", "True"), ("false", "False"),
    ("int_small", "7"), ("int_byte", "255"), ("int_2byte", "65535"), ("int_neg", "-1"),
    ("int_32", "2147483647"), ("int_neg32", "-2147483648"), ("int_64", "2**40 + 3"),
    ("int_neg64", "-(2**63)"), ("int_big", "3**200"), ("int_negbig", "-(7**90)"), ("int_ff", "-129"),
    ("float", "1.5"), ("float_neg", "-0.1"), ("float_inf", "float('inf')"), ("float_zero", "-0.0"),
    ("str_empty", "''"), ("str", "'hello'"), ("str_unicode", "'héllo wörld €'"), ("str_long", "'x' * 300"),
    ("bytes_empty", "b''"), ("bytes", "b'\\x00\\x01abc'"), ("bytes_long", "b'y' * 300"),
    ("tuple_empty", "()"), ("tuple1", "(1,)"), ("tuple2", "(1, 'a')"), ("tuple3", "(1, 2.5, None)"),
    ("tuple4", "(1, 2, 3, 4)"), ("list_empty", "[]"), ("list1", "[1]"), ("list", "[1, 2, [3, 4], (5,)]"),
    ("list_1001", "list(range(1001))"), ("dict_empty", "{}"), ("dict1", "{'a': 1}"),
    ("dict", "{'a': 1, 'b': [2, 3], 3: (4, 5)}"), ("set_empty", "set()"), ("set1", "{42}"),
    ("frozenset1", "frozenset({7})"), ("frozenset_empty", "frozenset()"),
    ("nested", "{'k': [1, (2, 3), {'x': None}], 'f': 1.25, 'b': b'z'}"),
    ("shared", "(lambda l: [l, l, (l,)])([1])"),
    ("bools", "[True, False, None]"),
]

def main():
    out = sys.stdout
    for proto in (4, 5):
        for name, expr in CASES:
            value = eval(expr)
            out.write(f"p{proto}_{name}\t{expr}\t{proto}\t{pickle.dumps(value, proto).hex()}\n")

main()
