"""Where pages go. Kept free of other saywho imports so the leaderboard can link to error pages cheaply."""

from __future__ import annotations

import re
from pathlib import Path

DEFAULT_PAGES = Path("eval/pages")
# Sub-folders of the pages folder, one per kind of page.
DOCS, ERRORS, EVENTS = "docs", "errors", "events"

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")


def page_name(name: str) -> str:
    """A file name for a page about a document, event or system: ids come from data, so no path may escape.

    >>> page_name("crf-entities+rules+tfidf"), page_name("../../etc/passwd"), page_name("my system/v2")
    ('crf-entities+rules+tfidf.html', 'etc-passwd.html', 'my-system-v2.html')
    """
    stem = _UNSAFE.sub("-", name).strip(".-") or "page"
    return f"{stem}.html"


def errors_href(system: str) -> str:
    """The error page of a system, relative to the folder that holds the leaderboard and pages/."""
    return f"pages/{ERRORS}/{page_name(system)}"
