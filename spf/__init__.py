"""spf, the Semantic Pyramid Framework.

The public Python API. Names are imported lazily so that ``import spf`` (and
``spf --help``) never pulls in torch or the generation pipeline.

    import spf
    project = spf.load_spec("examples/todo")        # Layer 1
    pyramid = spf.build_pyramid(project)            # Layers 2 and 3
    report = spf.generate("examples/todo")          # the stages, files on disk
"""

from __future__ import annotations

import importlib

from spf.hookspecs import hookimpl

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "load_spec": "spf.spec",
    "parse_spec": "spf.spec",
    "build_pyramid": "spf.pyramid",
    "Pyramid": "spf.pyramid",
    "load_taxonomy": "spf.taxonomy",
    "generate": "spf.pipeline",
    "implement_function": "spf.loop",
    "FunctionTask": "spf.loop",
    "get_backend": "spf.backends",
    "repair": "spf.neural.repair",
    "RepairResult": "spf.neural.repair",
    "SpfError": "spf.errors",
    "SpecError": "spf.errors",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'spf' has no attribute {name!r}")


__all__ = [  # noqa: PLE0604 (the lazy names are strings; ruff cannot see through the unpacking)
    "hookimpl", "__version__", *_LAZY,
]
