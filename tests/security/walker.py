"""The one walk over the site's URLs, for every sweep: names from the resolver, never listed.

A new URL is walked by every sweep without anyone listing it. A URL that takes a value from
its path gets a dummy one (`dummy_url`: resolvable, pointing at nothing) or, where a sweep
needs a real row, the seeded user's own (`site_urls`, arguments from tests/site_pages.py's
`site_seed`: the one place a new parametrised URL gets its arguments).
"""

from __future__ import annotations

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.site_pages import site_seed

# Reachable without signing in, by design (see SECURITY.md).
PUBLIC = {
    "landing",
    "healthz",
    "accounts:signup",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "mocks:feed",
    "sharing:link_view",
    "robots_txt",
    "favicon",
    "security_txt",
    # A reminder mail's unsubscribe links: the signed token in the URL is the credential.
    "reminders:unsubscribe",
    "reminders:one_click",
    "change_password",
}

# Signed out, these answer with something other than a page (a health check, a calendar).
NOT_PAGES = {"healthz", "favicon", "mocks:feed"}

# Values for converters that point at nothing: resolvable, never a real row.
DUMMY = {
    "IntConverter": 999999,
    "SlugConverter": "no-such-thing",
    "StringConverter": "no-such-thing",
    "PathConverter": "no/such/thing",
    "UUIDConverter": "00000000-0000-0000-0000-000000000000",
}


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin has its own staff-only login
            inner = entry.namespace
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def url_patterns() -> dict[str, URLPattern]:
    """Every named URL (admin aside): name -> the URLPattern."""
    return dict(_walk(get_resolver().url_patterns))


def url_names() -> list[str]:
    return sorted(url_patterns())


def is_public(name: str) -> bool:
    return name in PUBLIC


def parametrised_names() -> list[str]:
    """Names of the URLs that take a value from the path (an id, a slug, a token)."""
    return sorted(name for name, p in url_patterns().items() if p.pattern.converters)


def dummy_kwargs(name: str) -> dict:
    pattern = url_patterns()[name]
    return {
        key: DUMMY.get(type(converter).__name__, "nothing")
        for key, converter in pattern.pattern.converters.items()
    }


def dummy_url(name: str) -> str:
    return reverse(name, kwargs=dummy_kwargs(name))


def site_urls(user) -> dict[str, str]:
    """Every URL name -> its URL, pointing at `user`'s own rows (seeded here) where it takes
    an id. A new URL that takes a parameter fails here until site_seed gives it one."""
    args = site_seed(user)
    urls = {}
    for name, pattern in url_patterns().items():
        if pattern.pattern.converters and name not in args:
            raise AssertionError(f"{name} takes a parameter: add it to tests/site_pages.py")
        urls[name] = reverse(name, args=args.get(name, []))
    return urls


def html_pages(user) -> list[tuple[str, str, bool]]:
    """(name, URL, signed in) of every page that answers GET with HTML: public ones signed
    out, the rest signed in as `user` (seeded here). Found by asking, not listed."""
    urls = site_urls(user)
    signed_in = Client()
    signed_in.force_login(user)
    anonymous = Client()
    pages = []
    for name, url in sorted(urls.items()):
        public = is_public(name)
        if name in NOT_PAGES:
            continue
        response = (anonymous if public else signed_in).get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((name, url, not public))
    return pages


def post_accepting_names() -> list[str]:
    """The URLs that accept a POST from a signed-in user (anything but a 405)."""
    from tests.factories import UserFactory

    client = Client()
    user = UserFactory()
    found = []
    for name in url_names():
        client.force_login(user)  # logout's POST signs out
        if client.post(dummy_url(name)).status_code != 405:
            found.append(name)
    return found
