    print(te.exc_type.__name__, str(te), ''.join(te.format_exception_only()))

def fail_with_context():
    try:
        {}['missing']
    except KeyError:
        raise ValueError('bad value')

try:
    fail_with_context()
except ValueError as e:
    text = ''.join(traceback.format_exception(e)).replace(__file__, 'FILE')
    print(text)
    print(''.join(traceback.format_exception(e, chain=False)).replace(__file__, 'FILE'))

