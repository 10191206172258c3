"""selectors: waiting for I/O readiness on many file objects (written for MiniPy).

DefaultSelector is PollSelector, built on select.poll (C, GIL released while waiting);
SelectSelector uses select.select. Keys are SelectorKey(fileobj, fd, events, data).
"""
import math
import select

EVENT_READ = 1
EVENT_WRITE = 2


def _fileobj_to_fd(fileobj):
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError('Invalid file object: {!r}'.format(fileobj)) from None
    if fd < 0:
        raise ValueError('Invalid file descriptor: {}'.format(fd))
    return fd


class SelectorKey(tuple):
    """(fileobj, fd, events, data), also readable by name."""

    def __new__(cls, fileobj, fd, events, data):
        return tuple.__new__(cls, (fileobj, fd, events, data))

    fileobj = property(lambda self: self[0])
    fd = property(lambda self: self[1])
    events = property(lambda self: self[2])
    data = property(lambda self: self[3])

    def _replace(self, **kw):
        f = {'fileobj': self[0], 'fd': self[1], 'events': self[2], 'data': self[3]}
        f.update(kw)
        return SelectorKey(f['fileobj'], f['fd'], f['events'], f['data'])

    def __repr__(self):
        return 'SelectorKey(fileobj=%r, fd=%r, events=%r, data=%r)' % tuple(self)


class _SelectorMapping:
    def __init__(self, selector):
        self._selector = selector

    def __len__(self):
        return len(self._selector._fd_to_key)

    def get(self, fileobj, default=None):
        fd = self._selector._fileobj_lookup(fileobj)
        return self._selector._fd_to_key.get(fd, default)

    def __getitem__(self, fileobj):
        fd = self._selector._fileobj_lookup(fileobj)
        key = self._selector._fd_to_key.get(fd)
        if key is None:
            raise KeyError('{!r} is not registered'.format(fileobj))
        return key

    def __iter__(self):
        return iter(self._selector._fd_to_key)

    def __contains__(self, fileobj):
        return self.get(fileobj) is not None

    def keys(self):
        return self._selector._fd_to_key.keys()

    def values(self):
        return self._selector._fd_to_key.values()

    def items(self):
        return self._selector._fd_to_key.items()


class BaseSelector:
    """register/unregister/modify file objects, then select() the ready ones."""

    def __init__(self):
        self._fd_to_key = {}
        self._map = _SelectorMapping(self)

    def _fileobj_lookup(self, fileobj):
        try:
            return _fileobj_to_fd(fileobj)
        except ValueError:
            for key in self._fd_to_key.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def register(self, fileobj, events, data=None):
        if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
            raise ValueError('Invalid events: {!r}'.format(events))
        key = SelectorKey(fileobj, self._fileobj_lookup(fileobj), events, data)
        if key.fd in self._fd_to_key:
            raise KeyError('{!r} (FD {}) is already registered'.format(fileobj, key.fd))
        self._fd_to_key[key.fd] = key
        self._added(key)
        return key

    def unregister(self, fileobj):
        try:
            key = self._fd_to_key.pop(self._fileobj_lookup(fileobj))
        except KeyError:
            raise KeyError('{!r} is not registered'.format(fileobj)) from None
        self._removed(key)
        return key

    def modify(self, fileobj, events, data=None):
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError('{!r} is not registered'.format(fileobj)) from None
        if events != key.events:
            self.unregister(fileobj)
            key = self.register(fileobj, events, data)
        elif data != key.data:
            key = key._replace(data=data)
            self._fd_to_key[key.fd] = key
        return key

    def _added(self, key):
        pass

    def _removed(self, key):
        pass

    def close(self):
        self._fd_to_key.clear()
        self._map = None

    def get_key(self, fileobj):
        mapping = self.get_map()
        if mapping is None:
            raise RuntimeError('Selector is closed')
        try:
            return mapping[fileobj]
        except KeyError:
            raise KeyError('{!r} is not registered'.format(fileobj)) from None

    def get_map(self):
        return self._map

    def _key_from_fd(self, fd):
        return self._fd_to_key.get(fd)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class PollSelector(BaseSelector):
    """A selector over select.poll()."""

    def __init__(self):
        BaseSelector.__init__(self)
        self._poll = select.poll()

    def _added(self, key):
        mask = 0
        if key.events & EVENT_READ:
            mask |= select.POLLIN
        if key.events & EVENT_WRITE:
            mask |= select.POLLOUT
        self._poll.register(key.fd, mask)

    def _removed(self, key):
        self._poll.unregister(key.fd)

    def select(self, timeout=None):
        if timeout is None:
            ms = None
        elif timeout <= 0:
            ms = 0
        else:
            ms = math.ceil(timeout * 1e3)
        ready = []
        for fd, ev in self._poll.poll(ms):
            events = 0
            if ev & ~select.POLLIN:
                events |= EVENT_WRITE
            if ev & ~select.POLLOUT:
                events |= EVENT_READ
            key = self._key_from_fd(fd)
            if key:
                ready.append((key, events & key.events))
        return ready


class SelectSelector(BaseSelector):
    """A selector over select.select()."""

    def select(self, timeout=None):
        timeout = None if timeout is None else max(timeout, 0)
        rl = [k.fd for k in self._fd_to_key.values() if k.events & EVENT_READ]
        wl = [k.fd for k in self._fd_to_key.values() if k.events & EVENT_WRITE]
        r, w, _ = select.select(rl, wl, [], timeout)
        r, w = set(r), set(w)
        ready = []
        for fd in r | w:
            events = (EVENT_READ if fd in r else 0) | (EVENT_WRITE if fd in w else 0)
            key = self._key_from_fd(fd)
            if key:
                ready.append((key, events & key.events))
        return ready


DefaultSelector = PollSelector
