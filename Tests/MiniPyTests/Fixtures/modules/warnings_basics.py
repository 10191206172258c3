# warnings: filters, catch_warnings(record=True), categories, errors.
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    warnings.warn('first')
    warnings.warn('deprecated thing', DeprecationWarning)
    warnings.warn(RuntimeWarning('an instance'))
    print(len(caught), [str(w.message) for w in caught], [w.category.__name__ for w in caught])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('ignore')
    warnings.warn('ignored')
    print(len(caught))

with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        warnings.warn('now an error', UserWarning)
    except UserWarning as e:
        print('UserWarning raised:', e)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    warnings.filterwarnings('ignore', message='skip')
    warnings.warn('skip me')
    warnings.warn('keep me')
    print([str(w.message) for w in caught])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('once')
    for i in range(3):
        warnings.warn('repeated')
    print(len(caught))

print(warnings.formatwarning('msg', UserWarning, 'f.py', 7), end='')
for bad in [lambda: warnings.simplefilter('loud'), lambda: warnings.warn('x', int)]:
    try:
        bad()
    except (AssertionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
