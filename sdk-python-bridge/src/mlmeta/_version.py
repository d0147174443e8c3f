"""The version of the mlmeta Python package."""

__version__ = "0.1.0.dev0"
