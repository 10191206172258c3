# multiprocessing__executor.py: concurrent.futures.ProcessPoolExecutor's checks made before any
# process starts (spawning is tested through the binary, MultiprocessingTests.swift).
import concurrent.futures as cf

print(cf.ProcessPoolExecutor.__name__)
try:
    cf.ProcessPoolExecutor(max_workers=0)
except ValueError as e:
    print('ValueError', e)
with cf.ProcessPoolExecutor(max_workers=1) as ex:
    pass
print('shut down')
