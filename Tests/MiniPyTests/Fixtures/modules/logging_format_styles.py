# logging.Formatter's three styles with and without defaults: the record's attributes are read,
# a default fills a missing field, a record attribute wins over a default, and formatting leaves
# the record's attributes as they were; expected output recorded once from CPython 3.11.
import io
import logging

stream = io.StringIO()
handler = logging.StreamHandler(stream)
log = logging.getLogger('styles')
log.propagate = False
log.addHandler(handler)
for fmt, style, defaults in [('%(levelname)s|%(name)s|%(message)s', '%', None),
                             ('%(message)s [%(tag)s]', '%', {'tag': 'dflt'}),
                             ('{levelname}:{message}:{tag}', '{', {'tag': 'brace'}),
                             ('${levelname}/${message}/${tag}', '$', {'tag': 'dollar'})]:
    handler.setFormatter(logging.Formatter(fmt, style=style, defaults=defaults))
    log.warning('plain %s', 'arg')
    if defaults:
        log.warning('extra wins', extra={'tag': 'mine'})
print(stream.getvalue(), end='')
record = logging.makeLogRecord({'msg': 'm %d', 'args': (3,), 'levelname': 'INFO', 'name': 'n'})
before = sorted(vars(record))
print(logging.Formatter('%(name)s %(message)s').format(record))
print(sorted(vars(record)) == sorted(before + ['message']))
try:
    logging.Formatter('%(missing)s').format(record)
except ValueError as e:
    print('ValueError', e)
