import sys
import threading
import time


def fake_request(request_id: int, delay: float, results: list) -> None:
    """Pretends to fetch something: waits `delay` seconds, then stores its answer."""
    time.sleep(delay)  # releases the GIL while waiting
    results[request_id] = f"response-{request_id}"


