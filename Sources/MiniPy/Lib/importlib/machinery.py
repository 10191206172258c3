"""importlib.machinery: ModuleSpec, the record the import system keeps on each module loaded
from the search path (module.__spec__): its name, where it came from (origin), and for a package
the directories its submodules are searched in. A lite version of CPython's: no loader objects."""

SOURCE_SUFFIXES = ['.py']
EXTENSION_SUFFIXES = ['.so']


class ModuleSpec:
    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self.cached = None
        self.has_location = False

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        return self.name

    def __repr__(self):
        args = ['name={!r}'.format(self.name), 'loader={!r}'.format(self.loader)]
        if self.origin is not None:
            args.append('origin={!r}'.format(self.origin))
        if self.submodule_search_locations is not None:
            args.append('submodule_search_locations={}'.format(self.submodule_search_locations))
        return '{}({})'.format(self.__class__.__name__, ', '.join(args))

    def __eq__(self, other):
        if not isinstance(other, ModuleSpec):
            return NotImplemented
        return (self.name == other.name and self.origin == other.origin and
                self.submodule_search_locations == other.submodule_search_locations)
