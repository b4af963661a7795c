"""`reverse()` for the hot paths: each URL name's shape worked out once per process.

Django's reverse() walks the resolver's candidates, checks each argument against its
converter's pattern and quotes it, on every call: 20-30 µs. The nav reverses ten names on
every page and a list reverses a few per row (a mock row five), so a 100-row page spent
several milliseconds there. For a name whose arguments are plain integers or slugs, the URL
is the same text around the arguments whatever their values: it is reversed once with
sentinel arguments of the same kind, split around them, and afterwards only joined.

Anything else (keyword arguments, other kinds of argument, a name the sentinels do not
reverse) goes to reverse() itself, errors included. The shape is remembered per script
prefix, URLconf and current app, which is everything reverse() reads besides the name and
the arguments. It assumes what this project's URLs do: the path converters used for int and
slug arguments (int, slug, str, path) accept any value of that kind and write it as str()
does (tests/test_reversing.py compares every such named pattern with reverse()).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Values no real argument has, each matching what every argument of its kind matches: all
# converters accept digits; slug, str and path accept a slug that is not all digits.
_SENTINELS = {"int": "8362519470", "slug": "zq-sentinel-qz"}
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


def _kind(arg) -> str | None:
    if isinstance(arg, bool):
        return None
    if isinstance(arg, int):
        return "int" if arg >= 0 else None
    if isinstance(arg, str) and _SLUG.match(arg):
        return "int" if arg.isdigit() else "slug"
    return None


@lru_cache(maxsize=1024)
def _shape(view_name, kinds, current_app, prefix, urlconf) -> tuple[str, ...] | None:
    """The URL's text between its arguments, or None when the sentinels do not reverse."""
    try:
        url = reverse(view_name, args=[_SENTINELS[k] for k in kinds], current_app=current_app)
    except NoReverseMatch:
        return None
    parts = []
    for kind in kinds:
        head, found, url = url.partition(_SENTINELS[kind])
        if not found:
            return None
        parts.append(head)
    parts.append(url)
    # Each sentinel exactly once, or the split would be ambiguous.
    if any(s in part for part in parts for s in _SENTINELS.values()):
        return None
    return tuple(parts)


def url_reverse(view_name: str, args=(), current_app: str | None = None) -> str:
    """reverse(view_name, args=args, current_app=current_app), remembered per shape."""
    kinds = tuple(_kind(arg) for arg in args)
    if None not in kinds:
        parts = _shape(view_name, kinds, current_app, get_script_prefix(), get_urlconf())
        if parts is not None:
            pieces = [parts[0]]
            for arg, part in zip(args, parts[1:], strict=True):
                pieces += (str(arg), part)
            return "".join(pieces)
    return reverse(view_name, args=args, current_app=current_app)
