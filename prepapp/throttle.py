"""Rate limits on the anonymous POSTs that create accounts or send mail.

django-ratelimit counts, in Django's DatabaseCache (the "ratelimit" cache): the
counts live in the database every worker and host already shares, on SQLite and
PostgreSQL alike, with no cache server to run. Password guesses are counted by
django-axes instead (prepapp.accounts.lockout), sign-in's lockout.
"""

from __future__ import annotations

import base64
import pickle
from functools import wraps

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.shortcuts import render
from django.utils.timezone import now as tz_now
from django_ratelimit.core import get_usage

# Per client address, and per email address typed into the form, each an hour.
SIGNUP_PER_IP = "10/h"
SIGNUP_PER_EMAIL = "5/h"
RESET_PER_IP = "10/h"
RESET_PER_EMAIL = "3/h"


def post_throttled(group: str, *, per_ip: str, per_email: str):
    """Answer 429 once a client address, or the form's `email`, went over its rate.

    The address is checked first and, once it is over, the email is not counted:
    a flood from one address cannot fill the table with new email counters (and so
    push other counters out). Refused requests still count, so a client that keeps
    trying stays refused until its window ends.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                usage = get_usage(
                    request, group=f"{group}:ip", key="ip", rate=per_ip, increment=True
                )
                # Compared as accounts compare them: without case or surrounding space.
                email = (request.POST.get("email") or "").strip().lower()
                # None: RATELIMIT_ENABLE is off.
                if not (usage and usage["should_limit"]) and email:
                    usage = get_usage(
                        request,
                        group=f"{group}:email",
                        key=lambda _group, _request: email,
                        rate=per_email,
                        increment=True,
                    )
                if usage and usage["should_limit"]:
                    return throttled_response(request, usage["time_left"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def throttled_response(request, seconds_left: int):
    response = render(request, "429.html", {"minutes": max(1, -(-seconds_left // 60))}, status=429)
    response["Retry-After"] = str(max(1, seconds_left))
    return response


class CounterCache(DatabaseCache):
    """Django's DatabaseCache with an `incr` that counts every hit and keeps the expiry.

    The stock `incr` reads, adds and `set`s: two workers at once both write n + 1,
    and the `set` resets the key's expiry to the cache's default timeout, so an
    hourly window would end five minutes after the last hit. Here the row is locked
    (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction takes the write lock)
    and only the value is rewritten.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_col, expires_col, key_col = map(
            quote, (self._table, "value", "expires", "cache_key")
        )
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_col}, {expires_col} FROM {table} WHERE {key_col} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or _expires_read(connection, row[1]) < tz_now():
                raise ValueError(f"Key {key!r} not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode(), validate=True)) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_col} = %s WHERE {key_col} = %s", [encoded, key]
            )
        return value


def _expires_read(connection, value):
    # The same conversion DatabaseCache.get applies: SQLite returns a string.
    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        value = converter(value, expression, connection)
    return value
