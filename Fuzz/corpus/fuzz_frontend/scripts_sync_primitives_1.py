# sync_primitives.py: the threading module's coordination tools, each shown with an outcome
# that does not depend on timing.
#
# The GIL keeps the interpreter's own data consistent; it does not order *your* threads. For that
# there are Lock and RLock (mutual exclusion), Event (a flag threads can wait for), Semaphore
# (at most N holders at once), BoundedSemaphore (a Semaphore that catches extra releases),
# Condition (wait until a predicate holds) and Barrier (wait until N threads have arrived).
# Every line this script prints is deterministic: where a result would depend on scheduling,
# the script uses one primitive to pin the order down and prints what is then guaranteed.
#
# Run:  python3 sync_primitives.py      or      extdemo run sync_primitives.py
