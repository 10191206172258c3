# Integer arguments given something else: CPython 3.10+'s "'str' object cannot be interpreted as an
# integer" wherever an int is converted through __index__, and io's read sizes. Output recorded once
# from CPython 3.11.
import datetime
import io


class Five:
    def __index__(self):
        return 5


cases = [
    lambda: (1).to_bytes("x", "big"),
    lambda: (1).to_bytes(2.0, "big"),
    lambda: (1).to_bytes(Five(), "big"),
    lambda: datetime.date("x", 1, 1),
    lambda: datetime.date(2000.0, 1, 1),
    lambda: datetime.date(2000, Five(), 1),
    lambda: io.StringIO("abcdefg").read("x"),
    lambda: io.StringIO("abcdefg").read(Five()),
    lambda: io.StringIO("abcdefg").read(None),
    lambda: io.BytesIO(b"abc").read(1.5),
    lambda: io.BytesIO(b"abc\ndef").readline(Five()),
    lambda: io.StringIO("abc\ndef").readline([]),
    lambda: range("x"),
    lambda: "ab" * 1.5,
    lambda: chr("a"),
]
for case in cases:
    try:
        print(repr(case()))
    except Exception as e:
        print(type(e).__name__, e)
