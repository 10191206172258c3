# Packages and relative imports from the search path (script directory first): __init__.py,
# submodules, `from . import`, `from .. import`, __package__/__spec__/__path__, importlib,
# circular imports, sys.modules writes, sys.path edits, namespace packages, and the errors.
import sys, os
here = os.path.dirname(os.path.abspath(__file__))


def clean(text):
    return str(text).replace(here, '<dir>')


import importdemo
print(importdemo.VALUE, importdemo.helper(), importdemo.mod.helper())
import importdemo.sub
print(importdemo.sub.VALUE, importdemo.sub.h(), importdemo.sub.leaf.X)
from importdemo.sub import leaf
print(leaf.X, leaf.__name__, leaf.__package__)
print(sorted(k for k in sys.modules if k.startswith('importdemo')))
print(os.path.basename(importdemo.__file__), [clean(p) for p in importdemo.__path__])
spec = importdemo.__spec__
print(spec.name, spec.parent, clean(spec.origin), spec.submodule_search_locations == importdemo.__path__)
print(importdemo.mod.__spec__.submodule_search_locations, clean(importdemo.mod.__file__))

import importlib
m = importlib.import_module('.mod', 'importdemo')
print(m is importdemo.mod, importlib.import_module('importdemo.sub.leaf').X)
print(__import__('importdemo.sub.leaf') is importdemo, __import__('importdemo.sub', fromlist=['leaf']) is importdemo.sub)
for bad in [lambda: importlib.import_module('.mod'), lambda: importlib.import_module('')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

for stmt in ['import nosuch_module_here', 'import importdemo.nosuch', 'import importdemo.mod.deeper',
             'from . import x', 'from .sibling import y', 'import importdemo.sub.beyond',
             'from importdemo import nothing_here', 'import importcirc.a', 'import importdemo.broken']:
    try:
        exec(stmt, {'__name__': '__main__'})
    except ImportError as e:
        print(stmt, '->', type(e).__name__, clean(e))
print('importcirc.a' in sys.modules, 'importcirc.b' in sys.modules, 'importdemo.broken' in sys.modules)

import importcirc.ok_a
print(importcirc.ok_a.A, importcirc.ok_b.seen_partial)

from importns.inner import thing
import importns
print(thing.WHAT, importns.__file__ if hasattr(importns, '__file__') else 'no __file__',
      [clean(p) for p in importns.__path__])

print(sys.path[0] == here, type(sys.path).__name__)
sys.path.insert(0, os.path.join(here, 'importdemo'))
import mod as direct_mod
print(direct_mod.__name__, direct_mod.__package__, direct_mod is not importdemo.mod)
sys.path.pop(0)
sys.modules['fake_module'] = 'stand-in'
import fake_module
print(fake_module)
del sys.modules['fake_module']
print(__name__, __package__)
