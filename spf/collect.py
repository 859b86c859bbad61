"""Python's cyclic garbage collector, told that spf builds many long-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

THRESHOLD = 50_000


@contextlib.contextmanager
def fewer_collections(threshold: int = THRESHOLD) -> Iterator[None]:
    """Collect the youngest generation every ``threshold`` allocations instead of every 700
    while a spec is parsed, planned or generated.

    A large spec's layers are hundreds of thousands of objects that live to the end of the
    run, and the collector's passes over them took a quarter of the time (10,000 units).
    Collections still run, less often; the setting is restored afterwards, and a caller's
    own setting (a higher threshold, or automatic collection off) is left alone.
    """
    old = gc.get_threshold()
    if old[0] == 0 or old[0] >= threshold:
        yield
        return
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
