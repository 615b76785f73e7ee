"""courseatlas: a learning-resource discovery service."""

__version__ = "0.1.0"
