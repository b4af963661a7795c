"""The client's address, for the sign-in lockout (django-axes) and the rate limits.

Behind N trusted reverse proxies the client is the N-th address from the right of
X-Forwarded-For: each proxy appends the address it received the connection from, so
the right-most N entries were written by our proxies and anything to their left was
sent by the client and may be forged. One nginx hop that overwrites the header sends a
single entry, the client's, and that is the first from the right.

django-ipware's proxy count counts the last proxy inside the header, so for that
single-entry case it finds no address at all; hence this function.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip_address(request) -> str:
    """REMOTE_ADDR, or, with DJANGO_PROXY_COUNT = N > 0, the N-th X-Forwarded-For entry from the right.

    A header shorter than N, or an entry that is not an address, falls back to
    REMOTE_ADDR: the request did not come through the proxies as configured.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count > 0:
        # Several X-Forwarded-For headers reach WSGI joined by commas, in order.
        entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(entries) >= count and (address := ip_address_clean(entries[-count])):
            return address
    return ip_address_clean(remote) or remote


def ip_address_clean(value: str) -> str | None:
    """The address in one header entry, normalised; None if it is not an IP address.

    Some proxies write a port ("203.0.113.5:51234", "[2001:db8::1]:443"); an IPv4 address
    mapped into IPv6 counts as the IPv4 address, so one client has one spelling.
    """
    text = value.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)
