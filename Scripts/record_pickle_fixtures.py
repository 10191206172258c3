# record_pickle_fixtures.py: records CPython's pickle bytes for the values the kit's pickle
# module must reproduce exactly (Tests/MiniPyTests/Fixtures/pickle/cpython.txt). Run once with
# python3 (3.11 recorded the committed file); the tests never need python3.
# Each line: a name, a tab, a Python expression, a tab, the hex of pickle.dumps(value, protocol).
# With --pure it records CPython's pure-Python pickler instead (pickle._dumps) into cpython_pure.txt:
# the two differ only at batch edges (the C pickler writes MARK x APPENDS for a last batch of one
# item where the pure one writes x APPEND, and so on), and the kit's _pypickle.py follows the pure one.
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
    # session 7: the 64-bit LONG1 path written without bit_length/to_bytes, and the batch edges
    ("int_2p31", "2**31"), ("int_neg2p31m1", "-2**31 - 1"), ("int_2p63m1", "2**63 - 1"),
    ("int_2p63", "2**63"), ("int_2p64m1", "2**64 - 1"), ("int_neg2p63p1", "-(2**63) + 1"),
    ("int_neg2p64", "-(2**64)"), ("int_neg2p32", "-(2**32)"), ("int_2p39", "2**39"),
    ("int_neg2p39", "-(2**39)"), ("int_neg2p39m1", "-(2**39) - 1"), ("int_maxsize_like", "4611686018427387904 + 12345"),
    ("ints_mixed", "[0, 255, 256, 65535, 65536, -1, -255, -256, -65536, 2**47 - 1, -(2**47)]"),
    ("list_1000", "list(range(1000))"), ("list_2000", "list(range(2000))"), ("list_2001", "list(range(2001))"),
    ("dict_1000", "dict.fromkeys(range(1000))"), ("dict_1001", "dict.fromkeys(range(1001))"),
    ("dict_2000", "dict.fromkeys(range(2000))"), ("set_2", "{1, 2}"), ("set_1000", "set(range(1000))"),
    ("set_1001", "set(range(1001))"),
    ("dict_of_dicts", "dict((k, dict.fromkeys(range(3))) for k in range(4))"),
    ("lists_shared", "(lambda a: [[a, a], [a, list(range(3))]])(list(range(10)))"),
]

def main():
    out = sys.stdout
    dumps = pickle._dumps if '--pure' in sys.argv else pickle.dumps
    for proto in (4, 5):
        for name, expr in CASES:
            value = eval(expr)
            out.write(f"p{proto}_{name}\t{expr}\t{proto}\t{dumps(value, proto).hex()}\n")

main()
