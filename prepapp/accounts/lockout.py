"""What django-axes counts failures against."""

from __future__ import annotations

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth.signals import user_login_failed


def lockout_username(request, credentials) -> str | None:
    # Emails are case-insensitive here, so "A@x.org" and "a@x.org" share one counter.
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None


# Password checks outside sign-in (password change, account deletion, email change) are
# counted on the same email + client-address counter as sign-in: the same limit, the same
# cool-off, the same 429 page. Someone holding a session cannot guess the password there
# without locking the account's sign-in from their address too.


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def password_attempt_check(request, user, password: str) -> bool:
    """Whether `password` is the user's; a wrong one counts as a failed sign-in."""
    if user.check_password(password):
        # As a successful sign-in does (AXES_RESET_ON_SUCCESS).
        AxesProxyHandler.update_request(request)
        AxesProxyHandler.get_implementation().reset_user_attempts(request, _credentials(user))
        return True
    # axes records it and, at the limit, marks the request so AxesMiddleware answers 429.
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return False


def password_attempts_guarded(view):
    """A POST from a locked-out email + address gets the lockout page, not the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            credentials = _credentials(request.user)
            if AxesProxyHandler.is_locked(request, credentials):
                return get_lockout_response(request, None, credentials)
        return view(request, *args, **kwargs)

    return wrapped
