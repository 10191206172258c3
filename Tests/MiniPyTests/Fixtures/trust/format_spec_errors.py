# format_spec_errors.py: the format-spec mini-language's checks, in CPython's order, for ints, floats,
# strs and bools: grouping with each type, ',' with '_', the type as one code point (non-ASCII and
# control characters), precision, 'z', sign and '#' where they are refused, trailing characters;
# format_spec_errors.expected is what CPython 3.11 printed (recorded once).
vals = [5, -5, 2**70, 1.5, -1.5, float('inf'), float('nan'), 'ab', True]
specs = [',n', '_n', ',c', '_c', ',b', '_b', ',x', '_X', ',o', '_o', ',s', '_s', ',,', '__', ',_', '_,', ',_d', '_,d',
         ',,d', '__d', ',.2', '_.2f', ',%', '_e', ',E', ',G', ',F', ',d', '_d', ',r', '_\x01', ',\x7f', ',\xe9', '\xe9',
         '5\xe9', 'é>5', 'é^7,', '0,', '010_b', '010_x', '#010_x', '#012_b', '+#012_o', '0=10_X', ',?', '_ ', '.', '.,',
         '10.2,', '10,.2', '0', '00', '000', '=', '=5', '+', 'z', 'z.2f', '#', '#x', '-5', ' 5', '\x00=5', '\x00<5,',
         '0=5', '0<5', '0^5', '0>5', '05', '-05', '+05', '<05', '>05', '=05', '^05', 'x<05']
for v in vals:
    for s in specs:
        try: r = repr(format(v, s))
        except Exception as e: r = type(e).__name__ + ': ' + str(e)
        print(repr(v), repr(s), r)
for v in [5, 1.5, 'ab', 2**70, -1, 0x110000, True]:
  for s in ['\x00', '5\x00', '\x01', '+c', '#c', ' c', '-c', 'zc', '.2c', 'c', 'z', 'zd', 'z.2f', '#', '+', '-', ' ', '=5', 'z5', '=5c', ',c']:
    try: r = repr(format(v, s))
    except Exception as e: r = type(e).__name__ + ': ' + str(e)
    print(repr(v), repr(s), r)
