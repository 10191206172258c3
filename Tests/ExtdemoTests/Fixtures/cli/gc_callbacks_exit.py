# gc.callbacks at a run's end: the exit collection calls them while every module is intact (a
# callback may use its module's globals), and the collections of module teardown call none.
import gc
import time

events = []


def on_collect(phase, info):
    events.append(phase)
    if phase == 'stop':
        elapsed = time.perf_counter() - started
        print('exit collection', info['generation'], elapsed >= 0, len(events))


started = time.perf_counter()
gc.callbacks.append(on_collect)
cycle = []
cycle.append(cycle)
del cycle
print('main done')
