import sys
import importcirc.ok_a
seen_partial = not hasattr(sys.modules['importcirc.ok_a'], 'A')
