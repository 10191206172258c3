// MiniPy: the Python-subset interpreter (placeholder until the front end lands).
import MiniKit
