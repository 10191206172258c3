"""heapq: the binary min-heap algorithm over plain lists (written for MiniPy).

heap[0] is the smallest item; heap[k] <= heap[2k+1] and heap[k] <= heap[2k+2]. Items are compared
with `<` only, as CPython does. merge, nlargest and nsmallest are built on the same functions.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge', 'nlargest', 'nsmallest',
           'heappushpop']


def _sift_down(heap, start, pos):
    # Moves heap[pos] up towards start until its parent is not greater.
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if item < p:
            heap[pos] = p
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_up(heap, pos):
    # Moves the smaller child up until a leaf is reached, then puts the item there and sifts it down.
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down(heap, start, pos)


def _sift_down_max(heap, start, pos):
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        p = heap[parent]
        if p < item:
            heap[pos] = p
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_up_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[right] < heap[child]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down_max(heap, start, pos)


def _check_list(heap, func):
    if not isinstance(heap, list):
        name = 'None' if heap is None else type(heap).__name__
        raise TypeError('%s() argument 1 must be list, not %s' % (func, name))


def heappush(heap, item):
    """Push item onto heap, keeping the heap invariant."""
    _check_list(heap, 'heappush')
    heap.append(item)
    _sift_down(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop and return the smallest item; IndexError if the heap is empty."""
    _check_list(heap, 'heappop')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _sift_up(heap, 0)
        return item
    return last


def heapreplace(heap, item):
    """Pop the smallest item, then push item (the heap size does not change)."""
    _check_list(heap, 'heapreplace')
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sift_up(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop and return the smallest item (faster than the two calls)."""
    _check_list(heap, 'heappushpop')
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_up(heap, 0)
    return item


def heapify(x):
    """Transform list x into a heap, in place, in linear time."""
    _check_list(x, 'heapify')
    for i in reversed(range(len(x) // 2)):
        _sift_up(x, i)


def _heapify_max(x):
    for i in reversed(range(len(x) // 2)):
        _sift_up_max(x, i)


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _sift_up_max(heap, 0)
        return item
    return last


def _heapreplace_max(heap, item):
    smallest = heap[0]
    heap[0] = item
    _sift_up_max(heap, 0)
    return smallest


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator (stable: ties keep input order)."""
    entries = []
    order = -1 if reverse else 1
    for n, it in enumerate(iterables):
        it = iter(it)
        for value in it:
            k = value if key is None else key(value)
            entries.append([k, n * order, value, it])
            break
    if reverse:
        _heapify_max(entries)
        pop, replace = _heappop_max, _heapreplace_max
    else:
        heapify(entries)
        pop, replace = heappop, heapreplace
    while entries:
        entry = entries[0]
        yield entry[2]
        it = entry[3]
        for value in it:
            entry[0] = value if key is None else key(value)
            entry[2] = value
            replace(entries, entry)
            break
        else:
            pop(entries)


def nsmallest(n, iterable, key=None):
    """The n smallest items of iterable: sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items of iterable: sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
