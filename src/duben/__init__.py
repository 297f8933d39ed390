"""duben (读本): turn Chinese source documents into a bilingual reading site."""

__all__ = ["__version__"]

__version__ = "0.1.0"
