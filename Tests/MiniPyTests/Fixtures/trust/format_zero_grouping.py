# format_zero_grouping.py: format() and str.format() of ints and floats with zero padding inside the
# grouping (fill '0' with '=' alignment, given or implied by the '0' flag), other fills and
# alignments beside it, inf/nan, and widths of 100,001 to 777,740 characters (a quadratic padding
# took minutes); format_zero_grouping.expected is what CPython 3.11 printed (recorded once).
vals = [-1234.5, 1234.5, 0.0, -0.0, 1e16, -9.87654321e-5, 123456789.123, float('inf'), float('-nan'), 5, -98765, 10**25, -1, 0]
specs = ['0=20,.2f', '020,.3f', '0>20_', '0<20,', '0^20,', '020,', '020_', '=20,.2f', '+020,.2f', ' 020,.1f', '020,.0f',
         '#020,.0f', '020,e', '020,g', '020,%', '020_.3%', '0=21,', '0=1,', '0=2,', '0=3,', '0=4,', '0=5,', '0=6,',
         '07,.1f', '08,.1f', '09,.1f', 'x=20,.2f', '*>20,.2f', '0=20,.2e', '020,.10g', '020,n', '025,.2f', '-020,.2f',
         '0=12_.1f', '012_.1f', '012_', '011_', '010_', '09_', '0=9_', '020,d', '020_x', '020_b', '020_o', '020,x']
for v in vals:
    for s in specs:
        try:
            r = format(v, s)
        except Exception as e:
            r = type(e).__name__ + ': ' + str(e)
        print(repr(v), repr(s), repr(r))
for s in ['{:020,.3f}', '{:0>20_}', '{:0=30,.3f}', '{:030_.4f}', '{:0=15,}', '{:015,}']:
    for v in [-1234.5, 1234567.891, -0.5, 2**40]:
        try: print(s, repr(v), repr(s.format(v)))
        except Exception as e: print(s, repr(v), type(e).__name__, e)
for w in [777740, 100001, 333333]:
    for s in ['{:0=%d,.1f}', '{:0%d_.3f}', '{:0=%d,}', '{:0%d,}', '{:0=%d_.2e}']:
        for v in [-98765.4321, 1.5, -98765]:
            try:
                r = (s % w).format(v)
                print(s % w, repr(v), len(r), r[:12], r[-16:], r.count(','), r.count('_'))
            except Exception as e:
                print(s % w, repr(v), type(e).__name__, e)
