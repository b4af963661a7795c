from __future__ import annotations

from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import connections, models, router
from django.db.models.functions import Lower
from django.utils import timezone

TIME_ZONE_MAX_LENGTH = 64


def time_zone_default() -> str:
    # A callable, so the migration does not freeze whatever DJANGO_TIME_ZONE was when it ran.
    return settings.TIME_ZONE


class UserQuerySet(models.QuerySet):
    pass


# Per database connection (each thread has its own): the statement, the columns' attnames and
# the converters the ORM would apply to them, found once.
_by_pk_readers: WeakKeyDictionary = WeakKeyDictionary()


def _by_pk_reader(model, connection) -> tuple[str, list[str], dict]:
    """What the ORM sends and converts for model.objects.get(pk=...), built once."""
    readers = _by_pk_readers.setdefault(connection, {})
    if model not in readers:
        compiler = model._base_manager.filter(pk=0).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        assert list(params) == [0], params
        columns = [col for col, _sql, _alias in compiler.select]
        readers[model] = (
            sql,
            [col.target.attname for col in columns],
            compiler.get_converters(columns),
        )
    return readers[model]


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get(self, *args, **kwargs):
        """The ORM's get(); get(pk=<int>) through a statement and converters found once.

        ModelBackend.get_user runs User.objects.get(pk=...) on every signed-in request.
        Building that query cost ~260 µs of it, and reading it through raw() still ~120 µs
        (resolving the columns and their converters each time); the statement itself runs in
        ~30 µs. The row is converted as the ORM converts it and built with Model.from_db.
        """
        pk = kwargs.get("pk")
        if args or len(kwargs) != 1 or type(pk) is not int:
            return super().get(*args, **kwargs)
        alias = self._db or router.db_for_read(self.model)
        connection = connections[alias]
        sql, attnames, converters = _by_pk_reader(self.model, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        if converters:
            row = list(row)
            for index, (functions, expression) in converters.items():
                value = row[index]
                for function in functions:
                    value = function(value, expression, connection)
                row[index] = value
        return self.model.from_db(alias, attnames, row)

    def normalize_email(self, email: str | None) -> str:
        # The whole address is compared without case, so store it lowercased.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A candidate. Signs in with an email address, unique without regard to case."""

    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    interview_date = models.DateField(
        null=True, blank=True, help_text="The date of your real interview, for the countdown."
    )
    # An IANA name (forms check it against zoneinfo.available_timezones()). Every time
    # the user enters or reads, including the .ics feed, is in this zone.
    time_zone = models.CharField(
        max_length=TIME_ZONE_MAX_LENGTH,
        default=time_zone_default,
        help_text="Times you enter and see, and your calendar feed, use this zone.",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Bumped by every write service that changes what the dashboard shows
    # (prepapp/accounts/data_version.py), so its cached overview knows when it went stale.
    data_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            # Sign-in looks the address up with email__iexact; this keeps it unique that way.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)

    @property
    def zone(self) -> ZoneInfo:
        """The user's zone; the site's zone if the stored name is unknown to this tzdata."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return self.display_name or self.email
