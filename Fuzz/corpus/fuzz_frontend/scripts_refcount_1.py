# refcount.py: reference counting, the thing the GIL was built to protect.
#
# Every object carries a count of the references to it; binding a name, storing into a container
# or passing an argument adds one, and dropping them takes it back. sys.getrefcount(x) shows the
# count, plus one for its own argument. The updates are plain read-modify-write operations on a
# field of the object: two threads doing them at once without a lock could lose one and free an
# object still in use (or never free it). The GIL makes each update exclusive, which is why four
# threads adding and dropping a million references to one shared object leave its count exactly
# where it was.
#
# Run:  python3 refcount.py [ROUNDS]      or      extdemo run refcount.py [ROUNDS]
# ROUNDS (add/drop pairs per thread) defaults to 100,000. Every line is deterministic.
