"""timeit: time small pieces of code (written for MiniPy).

Timer(stmt='pass', setup='pass', timer=time.perf_counter, globals=None) with timeit(number),
repeat(repeat, number) and autorange(); the module functions timeit() and repeat().
stmt and setup may be strings (compiled once into a timing function) or callables.
"""

import time

__all__ = ['Timer', 'timeit', 'repeat', 'default_timer']

default_timer = time.perf_counter
default_number = 1000000
default_repeat = 5

_TEMPLATE = '''
def inner(_it, _timer{init}):
{setup}
    _t0 = _timer()
    for _i in _it:
{stmt}
        pass
    _t1 = _timer()
    return _t1 - _t0
'''


def _indent(src, n):
    pad = ' ' * n
    return '\n'.join([pad + line for line in src.split('\n')])


class Timer:
    """Class for timing the execution of a statement many times."""

    def __init__(self, stmt='pass', setup='pass', timer=default_timer, globals=None):
        self.timer = timer
        local_ns = {}
        global_ns = {} if globals is None else globals
        init = ''
        if isinstance(setup, str):
            compile(setup, '<timeit-setup>', 'exec')
            setup_src = _indent(setup, 4)
        elif callable(setup):
            local_ns['_setup'] = setup
            init += ', _setup=_setup'
            setup_src = '    _setup()'
        else:
            raise ValueError('setup is neither a string nor callable')
        if isinstance(stmt, str):
            compile(setup + '\n' + stmt if isinstance(setup, str) else stmt, '<timeit-src>', 'exec')
            stmt_src = _indent(stmt, 8)
        elif callable(stmt):
            local_ns['_stmt'] = stmt
            init += ', _stmt=_stmt'
            stmt_src = '        _stmt()'
        else:
            raise ValueError('stmt is neither a string nor callable')
        src = _TEMPLATE.format(stmt=stmt_src, setup=setup_src, init=init)
        self.src = src
        code = compile(src, '<timeit-src>', 'exec')
        exec(code, global_ns, local_ns)
        self.inner = local_ns['inner']

    def timeit(self, number=default_number):
        """Seconds taken to run the statement number times (setup run once)."""
        return self.inner(range(number), self.timer)

    def repeat(self, repeat=default_repeat, number=default_number):
        """A list of repeat timeit(number) results."""
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        """(number, time_taken) for the smallest number in 1, 2, 5, 10, 20, 50, ... taking
        at least 0.2 seconds."""
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10

    def print_exc(self, file=None):
        import traceback
        traceback.print_exc(file=file)


def timeit(stmt='pass', setup='pass', timer=default_timer, number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).timeit(number)."""
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt='pass', setup='pass', timer=default_timer, repeat=default_repeat,
           number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).repeat(repeat, number)."""
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
