"""SayWho: who said what, about what, and how. An annotated news corpus and benchmark."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("saywho")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
