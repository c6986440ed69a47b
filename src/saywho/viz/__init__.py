"""Pages and charts for people: an article with its annotation drawn on the text, a system's errors beside the
gold, an event's articles side by side, and the corpus statistics as PNG charts.

Every page is self-contained (inline CSS and a few lines of inline JS, no network) and every text from the data
goes through Jinja2's autoescaping.
"""
