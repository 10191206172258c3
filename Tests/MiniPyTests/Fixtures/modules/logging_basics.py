# logging: basicConfig to stdout, hierarchy, levels, formatters, thread names, exceptions.
import logging
import sys
import threading

logging.basicConfig(stream=sys.stdout, level=logging.INFO,
                    format='%(levelname)s:%(name)s:%(threadName)s:%(message)s')
log = logging.getLogger('app')
log.debug('hidden')
log.info('started with %d workers', 2)
log.warning('disk at %s%%', 91)
logging.info('root info')
logging.error('root error %r', {'k': 1})

def worker(n):
    logging.getLogger('app.worker').info('worker %d running', n)

for i in range(2):
    t = threading.Thread(target=worker, args=(i,), name='Worker-%d' % i)
    t.start()
    t.join()

child = logging.getLogger('app.db')
print(child.parent is log, log.parent is logging.getLogger(), child.getEffectiveLevel(), logging.getLevelName(child.getEffectiveLevel()))
child.setLevel(logging.ERROR)
child.warning('not shown')
child.error('db error')
print(child.isEnabledFor(logging.WARNING), log.isEnabledFor(logging.INFO), logging.getLogger('app') is log)

class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
    def emit(self, record):
        self.records.append(self.format(record))
h = ListHandler()
h.setFormatter(logging.Formatter('[{levelname}] {name}: {message}', style='{'))
quiet = logging.getLogger('quiet')
quiet.propagate = False
quiet.addHandler(h)
quiet.setLevel(logging.DEBUG)
quiet.debug('one %s', 'arg')
quiet.critical('two')
print(h.records)

fmt = logging.Formatter('%(name)s|%(levelno)d|%(message)s')
rec = logging.LogRecord('x.y', logging.WARNING, 'file.py', 10, 'msg %s %s', ('a', 'b'), None)
print(fmt.format(rec), rec.getMessage(), rec.levelname, rec.threadName)
try:
    1 / 0
except ZeroDivisionError:
    quiet.exception('failed')
print(h.records[-1].replace(__file__, 'FILE'))
print(logging.getLevelName(logging.WARNING), logging.getLevelName('ERROR'), logging.getLevelName(15))
adapter = logging.LoggerAdapter(log, {'user': 'ann'})
adapter.info('via adapter')
f = logging.Filter('app.db')
print(f.filter(logging.LogRecord('app.db.x', 20, '', 0, '', (), None)), f.filter(logging.LogRecord('app.dbx', 20, '', 0, '', (), None)))
try:
    logging.getLogger().setLevel('LOUD')
except ValueError as e:
    print('ValueError', e)
print(repr(log), repr(logging.getLogger()))
