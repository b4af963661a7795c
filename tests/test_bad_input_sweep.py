"""Bad input everywhere: every form field, every filter, every method. Never a 5xx.

Forms are found by walking the resolver and POSTing: a URL that accepts POST and has
no entry in FORMS or POST_WITHOUT_FIELDS fails `test_every_post_url_is_swept`. Each form
has a valid base payload (checked to succeed); each hostile variant replaces one field,
then the values not yet sent to some field go to every field at once. A value a field
must refuse (oversized, NUL, wrong type, ...) leaves the user's rows exactly as they
were; any value answers below 500, never echoes a live <script>, never redirects off
the site. Then GET filters, `next`, wrong methods and the JSON import get the same.
"""

from __future__ import annotations

import itertools
import json
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prepapp.accounts.models import User
from prepapp.accounts.portability import ImportRefused, data_export, data_import
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer
from prepapp.practice.rubric import ALL_DIMENSIONS, round_dimensions, score_field
from prepapp.practice.scheduling import card_review
from prepapp.sharing.services import invite_token
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, pack_item
from tests.factories import PASSWORD, UserFactory
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import (
    AnswerFactory,
    ReviewCardFactory,
    UserQuestionFactory,
    bank_question,
)
from tests.sharing.factories import CommentFactory, ShareFactory, link_for
from tests.sweep_payloads import (
    NEW_PASSWORD,
    answer_data,
    mock_data,
    new_answer_data,
    own_item_data,
)
from tests.sweep_support import (  # noqa: F401 - fast_render is a fixture
    SCRIPT,
    dummy_url,
    fast_render,
    is_public,
    location_is_safe,
    post_accepting_names,
    snapshot,
    snapshot_diff,
    throttle_counts_clear,
    url_names,
    url_patterns,
)

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000
RTL = "\u202eevil\u202c 😀 مرحبا"
SQL = "' OR 1=1 --"
JS_URL = "javascript:alert(1)"
MISSING = object()
# A superscript two, an Arabic-Indic three, a fullwidth five.
UNICODE_DIGITS = ["\u00b2", "\u0663", "\uff15"]

# Field kinds. TEXT is free text with a bound; IGNORED is a value the view never stores.
TEXT, INT, CHOICE, MULTI, DATE, DATETIME, EMAIL, PASSWORD_KIND, IGNORED = (
    "text",
    "int",
    "choice",
    "multi",
    "date",
    "datetime",
    "email",
    "password",
    "ignored",
)


@dataclass(frozen=True)
class Field:
    kind: str
    required: bool = False


# label -> value. Each kind of field gets the variants that probe it (KIND_VARIANTS); the
# combined test sends every variant to every field at once, so no value goes untried.
VALUES: dict[str, object] = {
    "oversized": HUGE,
    "nul": "a\x00b",
    "sql": SQL,
    "script": SCRIPT,
    "js_url": JS_URL,
    "markdown_js_link": f"[click]({JS_URL})",
    "rtl_emoji": RTL,
    # What a hostile user would type into free text: every trick at once.
    "hostile_text": f"{RTL} {SCRIPT} [click]({JS_URL}) {SQL}",
    "wrong_type": "abc",
    "negative": "-1",
    "float": "1.5",
    "huge_int": str(10**30),
    "bad_date": "2026-02-30",
    "bad_datetime": "2026-02-30T25:61",
    "list": ["abc", "def"],
    # isdigit() is true for these, int() takes the last two: ids are ASCII digits only.
    **{f"unicode_digit_{d}": d for d in UNICODE_DIGITS},
    "empty": "",
    "blank": "   ",
    "missing": MISSING,
}
# "sql", "rtl_emoji" and the like are non-numbers like "abc": the combined test sends them.
_NUMERIC = ["oversized", "nul", "wrong_type", "negative", "float", "huge_int", "list"]
KIND_VARIANTS: dict[str, list[str]] = {
    TEXT: ["oversized", "nul", "hostile_text", "blank", "missing"],
    INT: [*_NUMERIC, "empty"],
    CHOICE: [*_NUMERIC, "empty", "missing"],
    MULTI: _NUMERIC,
    DATE: [*_NUMERIC, "bad_date", "empty"],
    DATETIME: [*_NUMERIC, "bad_date", "bad_datetime", "missing"],
    EMAIL: ["oversized", "nul", "hostile_text", "list", "empty"],
    PASSWORD_KIND: ["oversized", "nul", "empty", "missing"],
    IGNORED: ["oversized", "nul", "hostile_text", "list"],
}
# Free text may hold any of these; every other kind must refuse them.
TEXT_MAY_HOLD = {"sql", "script", "js_url", "markdown_js_link", "rtl_emoji", "hostile_text"}
TEXT_MAY_HOLD |= {
    "wrong_type",
    "negative",
    "float",
    "huge_int",
    "bad_date",
    "bad_datetime",
    "list",
    *(f"unicode_digit_{d}" for d in UNICODE_DIGITS),
}


def _must_refuse(label: str, field: Field) -> bool:
    if field.kind == IGNORED:
        return False
    if field.kind == PASSWORD_KIND:
        return True  # the other password field keeps its value: never a match
    if label in ("empty", "blank", "missing"):
        return field.required
    if field.kind == TEXT:
        return label not in TEXT_MAY_HOLD
    return True


# ---------------------------------------------------------------- the forms


@dataclass
class Form:
    fields: dict[str, Field]
    # (client, user) -> the URL to POST to, creating the user's object when it needs one.
    url: Callable
    # (user) -> a payload the view accepts.
    data: Callable
    anonymous: bool = False
    # (client, user) -> what must not change when a payload is refused.
    state: Callable = lambda client, user: snapshot(user)
    # The fields swept one by one (default: all but the repeats of one helper's field).
    sweep: tuple[str, ...] | None = None
    # What the base payload answers: a redirect, or a page only that response may show.
    accepted_status: int = 302

    def swept(self) -> list[str]:
        if self.sweep is not None:
            return list(self.sweep)
        return [name for name in self.fields if name not in REPEATED_SCORES]


# The rubric's score fields are one helper's field repeated per dimension: the first is
# swept alone, and test_hostile_values_all_fields_at_once sends every value to the rest.
REPEATED_SCORES = {score_field(d) for d in ALL_DIMENSIONS[1:]}


_emails = itertools.count()


def _signed_in(client) -> str | None:
    return client.session.get("_auth_user_id")


def _user_count_state(client, user):
    return (User.objects.count(), _signed_in(client))


def _password_state(client, user):
    user.refresh_from_db()
    return (user.password, _signed_in(client))


def _reset_confirm_url(client, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    assert response.status_code == 302
    return response["Location"]


def _own_item_url(name):
    def url(client, user):
        item = OwnItemFactory(user=user)
        ItemStateFactory(user=user, item=None, own_item=item, ticked_at=None)
        return reverse(name, args=[item.pk])

    return url


def _answer_for(user) -> Answer:
    return Answer.objects.for_user(user).select_related("question__round").order_by("pk").first()


def _edit_answer_data(user) -> dict:
    return answer_data(_answer_for(user).question.round.slug)


def _mock_url(client, user):
    return reverse("mocks:edit", args=[MockInterviewFactory(user=user).pk])


def _review_url(client, user):
    answer = _answer_for(user)
    card = ReviewCardFactory(user=user, question=answer.question)
    return reverse("practice:review", args=[card.pk])


def _url(name, *args):
    return lambda client, user: reverse(name, args=args)


def _share_given_url(name):
    def url(client, user):
        return reverse(name, args=[ShareFactory(candidate=user).pk])

    return url


def _coach_url(name):
    """The user coaches a candidate who shares everything: the comment form's URL."""

    def url(client, user):
        share = ShareFactory(coach=user, scope="all")
        if name == "sharing:coach_answer":
            target = AnswerFactory(user=share.candidate)
        else:
            target = MockInterviewFactory(user=share.candidate)
        return reverse(name, args=[share.pk, target.pk])

    return url


ANSWER_FIELDS = {
    "body": Field(TEXT, required=True),
    "seconds_spent": Field(INT),
    "mistakes": Field(MULTI),
}
MOCK_FIELDS = {
    "round": Field(CHOICE, required=True),
    "scheduled_at": Field(DATETIME, required=True),
    "status": Field(CHOICE, required=True),
    "format": Field(CHOICE, required=True),
    "interviewer": Field(TEXT),
    "minutes": Field(INT),
    "questions": Field(MULTI),
    "typed_questions": Field(TEXT),
    "answers": Field(MULTI),
    "overall_rating": Field(CHOICE),
    **{score_field(d): Field(CHOICE) for d in ALL_DIMENSIONS},
    "strengths": Field(TEXT),
    "improvements": Field(TEXT),
    "mistakes": Field(MULTI),
}
TICK_FIELDS = {"done": Field(CHOICE, required=True), "show": Field(IGNORED)}
NOTE_FIELDS = {"note": Field(TEXT), "show": Field(IGNORED)}
OWN_ITEM_FIELDS = {"topic": Field(CHOICE, required=True), "text": Field(TEXT, required=True)}
NEW_PASSWORD_FIELDS = {
    "new_password1": Field(PASSWORD_KIND, required=True),
    "new_password2": Field(PASSWORD_KIND, required=True),
}

FORMS: dict[str, Form] = {
    "accounts:settings": Form(
        {"display_name": Field(TEXT), "interview_date": Field(DATE)},
        _url("accounts:settings"),
        lambda user: {
            "display_name": "Sam",
            "interview_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    ),
    "accounts:email_change": Form(
        {"email": Field(EMAIL, required=True), "password": Field(PASSWORD_KIND, required=True)},
        _url("accounts:email_change"),
        lambda user: {"email": f"moved{next(_emails)}@example.org", "password": PASSWORD},
    ),
    "accounts:delete": Form(
        {"password": Field(PASSWORD_KIND, required=True)},
        _url("accounts:delete"),
        lambda user: {"password": PASSWORD},
    ),
    "accounts:password_change": Form(
        {"old_password": Field(PASSWORD_KIND, required=True), **NEW_PASSWORD_FIELDS},
        _url("accounts:password_change"),
        lambda user: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    "accounts:signup": Form(
        {
            "email": Field(EMAIL, required=True),
            "display_name": Field(TEXT),
            "password1": Field(PASSWORD_KIND, required=True),
            "password2": Field(PASSWORD_KIND, required=True),
        },
        _url("accounts:signup"),
        lambda user: {
            "email": f"newcomer{next(_emails)}@example.org",
            "display_name": "Newcomer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        anonymous=True,
        state=_user_count_state,
    ),
    "accounts:login": Form(
        {"username": Field(EMAIL, required=True), "password": Field(PASSWORD_KIND, required=True)},
        _url("accounts:login"),
        lambda user: {"username": user.email, "password": PASSWORD},
        anonymous=True,
        state=lambda client, user: _signed_in(client),
    ),
    "accounts:password_reset": Form(
        {"email": Field(EMAIL, required=True)},
        _url("accounts:password_reset"),
        lambda user: {"email": user.email},
        anonymous=True,
        state=lambda client, user: len(mail.outbox),
    ),
    "accounts:password_reset_confirm": Form(
        NEW_PASSWORD_FIELDS,
        _reset_confirm_url,
        lambda user: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        anonymous=True,
        state=_password_state,
    ),
    "checklist:tick": Form(
        TICK_FIELDS,
        lambda client, user: reverse("checklist:tick", args=[pack_item().pk]),
        lambda user: {"done": "1", "show": "todo"},
    ),
    "checklist:note": Form(
        NOTE_FIELDS,
        lambda client, user: reverse("checklist:note", args=[pack_item().pk]),
        lambda user: {"note": "Ask about their EHR", "show": "todo"},
    ),
    "checklist:own_tick": Form(
        TICK_FIELDS, _own_item_url("checklist:own_tick"), lambda user: {"done": "1"}
    ),
    "checklist:own_note": Form(
        NOTE_FIELDS, _own_item_url("checklist:own_note"), lambda user: {"note": "Practise twice"}
    ),
    "checklist:own_add": Form(
        OWN_ITEM_FIELDS, _url("checklist:own_add"), lambda user: own_item_data()
    ),
    "checklist:own_edit": Form(
        OWN_ITEM_FIELDS, _own_item_url("checklist:own_edit"), lambda user: own_item_data()
    ),
    # One field of each kind of field the form builds; the combined test covers the rest
    # (format is built like status, scores like overall_rating, mistakes like questions,
    # typed_questions and improvements like strengths).
    "mocks:create": Form(
        MOCK_FIELDS,
        _url("mocks:create"),
        mock_data,
        sweep=(
            "round",
            "scheduled_at",
            "status",
            "interviewer",
            "minutes",
            "questions",
            "answers",
            "overall_rating",
            "strengths",
        ),
    ),
    # The create form's class again: only what depends on the instance is swept one by one.
    "mocks:edit": Form(MOCK_FIELDS, _mock_url, mock_data, sweep=("scheduled_at", "answers")),
    "practice:new": Form(
        {
            **ANSWER_FIELDS,
            **{score_field(d): Field(CHOICE) for d in ALL_DIMENSIONS},
            "own-text": Field(TEXT, required=True),
            "own-round": Field(CHOICE),
            "own-topic": Field(CHOICE),
        },
        _url("practice:new"),
        lambda user: new_answer_data(),
        # own-topic is built like own-round; the combined test covers it.
        sweep=("body", "seconds_spent", "mistakes", "score_structure", "own-text", "own-round"),
    ),
    # practice:new's AnswerForm again: what the instance may change is swept one by one.
    "practice:edit": Form(
        {
            **ANSWER_FIELDS,
            **{score_field(d): Field(CHOICE) for d in round_dimensions(None)},
        },
        lambda client, user: reverse("practice:edit", args=[_answer_for(user).pk]),
        _edit_answer_data,
        sweep=("body", "mistakes"),
    ),
    "sharing:settings": Form(
        {"email": Field(EMAIL, required=True), "scope": Field(CHOICE, required=True)},
        _url("sharing:settings"),
        lambda user: {"email": "coach@example.org", "scope": "marked"},
    ),
    "sharing:share_scope": Form(
        {"scope": Field(CHOICE, required=True)},
        _share_given_url("sharing:share_scope"),
        lambda user: {"scope": "all"},
    ),
    # The only response that shows the new link's token: a page, not a redirect.
    "sharing:link_create": Form(
        {"label": Field(TEXT), "days": Field(CHOICE, required=True)},
        _url("sharing:link_create"),
        lambda user: {"label": "Mentor", "days": "7"},
        accepted_status=200,
    ),
    "sharing:coach_answer": Form(
        {"body": Field(TEXT, required=True)},
        _coach_url("sharing:coach_answer"),
        lambda user: {"body": "Lead with the metric."},
    ),
    "sharing:coach_mock": Form(
        {"body": Field(TEXT, required=True)},
        _coach_url("sharing:coach_mock"),
        lambda user: {"body": "Good pacing."},
    ),
    "practice:review": Form(
        {"rating": Field(CHOICE, required=True), "answer": Field(INT), "next": Field(IGNORED)},
        _review_url,
        lambda user: {"rating": "3", "answer": str(_answer_for(user).pk), "next": "/practice/"},
    ),
}

# Accept POST but have no fields to vary: their ids are swept in test_object_access.py.
POST_WITHOUT_FIELDS = {
    "accounts:logout",
    "checklist:own_delete",
    "mocks:delete",
    "mocks:done",
    "mocks:feed_reset",
    "practice:delete",
    # A yes/no flag or none: any value or none is an answer (answer_mark, comment_resolve).
    "sharing:accept",
    "sharing:answer_mark",
    "sharing:comment_resolve",
    "sharing:link_revoke",
    "sharing:share_revoke",
}
# A file upload: swept by the import tests below.
UPLOADS = {"accounts:import"}


@pytest.fixture
def seeded(user, pack):
    """The signed-in user's rows that forms link to: an answer to a bank question."""
    AnswerFactory(user=user, question=bank_question())
    return user


def test_every_post_url_is_swept(pack):
    accepting = set(post_accepting_names())
    known = set(FORMS) | POST_WITHOUT_FIELDS | UPLOADS
    assert accepting - known == set(), "POST URLs with no entry in FORMS or POST_WITHOUT_FIELDS"
    assert known - accepting == set(), "swept URLs that no longer accept POST"


def _where(exc_type, tb) -> str:
    """The exception, the app's last line on the way to it, and the line that raised it."""
    frames = traceback.extract_tb(tb)
    app = [f for f in frames if "/prepapp/" in f.filename]
    text = f"{exc_type.__name__} at {frames[-1].filename}:{frames[-1].lineno}"
    if app and app[-1] is not frames[-1]:
        text += f" via {app[-1].filename}:{app[-1].lineno} `{app[-1].line}`"
    return text


def _failure(name, field, label, response) -> str:
    where = ""
    if getattr(response, "exc_info", None):
        where = f" ({_where(response.exc_info[0], response.exc_info[2])})"
    return f"{name} {field}={label}: {response.status_code}{where}"


# The values carrying markup: after one is accepted, the page it lands on is checked.
MARKUP_LABELS = {"script", "js_url", "markdown_js_link", "hostile_text", "rtl_emoji"}


def _check_page(name, field, label, client, response, failures: list[str]) -> None:
    """Below 500, no live <script> echoed, no off-site redirect; follows a redirect once."""
    if response.status_code >= 500:
        failures.append(_failure(name, field, label, response))
        return
    if SCRIPT in response.content.decode(errors="replace"):
        failures.append(f"{name} {field}={label}: the response echoes a live <script>")
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if not location_is_safe(location):
            failures.append(f"{name} {field}={label}: redirects off-site to {location!r}")
            return
        if label not in MARKUP_LABELS:
            return  # nothing stored that a page could show unescaped
        followed = client.get(location)
        if followed.status_code >= 500:
            failures.append(_failure(name, field, f"{label} (then GET {location})", followed))
        elif SCRIPT in followed.content.decode(errors="replace"):
            failures.append(f"{name} {field}={label}: {location} shows a live <script>")
        elif f'href="{JS_URL}' in followed.content.decode(errors="replace"):
            failures.append(f"{name} {field}={label}: {location} links to javascript:")


def _client_for(form: Form, user) -> Client:
    client = Client(raise_request_exception=False)
    if not form.anonymous:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(FORMS))
def test_base_payload_is_accepted(seeded, name):
    """Without this the hostile variants would be refused for the wrong reason."""
    form = FORMS[name]
    client = _client_for(form, seeded)
    url = form.url(client, seeded)
    before = form.state(client, seeded)

    response = client.post(url, form.data(seeded))

    assert response.status_code == form.accepted_status, f"{name}: {response.status_code}"
    if response.status_code == 302:
        assert location_is_safe(response["Location"])
    assert form.state(client, seeded) != before, f"{name}: the base payload changed nothing"


FIELD_CASES = [(name, field) for name in sorted(FORMS) for field in FORMS[name].swept()]


def _sweep(name, form: Form, user, cases) -> list[str]:
    """POSTs each (field, label, data, must_refuse); returns what went wrong."""
    client = _client_for(form, user)
    url = form.url(client, user)
    failures: list[str] = []
    state = None
    for field, label, data, must_refuse in cases:
        if form.anonymous:
            client.logout()
            state = None
        if state is None:
            state = form.state(client, user)
        # Each value must reach the form, not the lockout or rate limit an earlier one set off.
        throttle_counts_clear()
        response = client.post(url, data)
        _check_page(name, field, label, client, response, failures)
        # Only a POST changes state, so this one's "after" is the next one's "before".
        after = form.state(client, user)
        if must_refuse and after != state:
            changed = snapshot_diff(state, after) if isinstance(state, dict) else after
            failures.append(f"{name} {field}={label}: accepted, changed {changed}")
        state = after
    return failures


def _with_value(data: dict, fields, value) -> dict:
    for field in fields:
        if value is MISSING:
            data.pop(field, None)
        else:
            data[field] = value
    return data


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize(("name", "field"), FIELD_CASES, ids=[f"{n}-{f}" for n, f in FIELD_CASES])
def test_hostile_values_field_by_field(seeded, other_user, name, field):
    form = FORMS[name]
    spec = form.fields[field]
    others_before = snapshot(other_user)
    cases = [
        (
            field,
            label,
            _with_value(form.data(seeded), [field], VALUES[label]),
            _must_refuse(label, spec),
        )
        for label in KIND_VARIANTS[spec.kind]
    ]
    failures = _sweep(name, form, seeded, cases)
    assert snapshot(other_user) == others_before
    assert not failures, "\n".join(failures)


def _combined_labels(form: Form) -> list[str]:
    """The values some field of the form has not been sent on its own."""
    swept = set(form.swept())
    return [
        label
        for label in VALUES
        if any(
            name not in swept or label not in KIND_VARIANTS[spec.kind]
            for name, spec in form.fields.items()
        )
    ]


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_all_fields_at_once(seeded, other_user, name):
    """Each value the fields were not swept with, in every field at once: never a 500."""
    form = FORMS[name]
    others_before = snapshot(other_user)
    cases = []
    for label in _combined_labels(form):
        refusing = [f for f, spec in form.fields.items() if _must_refuse(label, spec)]
        data = _with_value(form.data(seeded), form.fields, VALUES[label])
        cases.append(("*", label, data, bool(refusing)))
    failures = _sweep(name, form, seeded, cases)
    assert snapshot(other_user) == others_before
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- htmx variants


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("checklist:note", "note", HUGE),
        ("checklist:own_note", "note", "a\x00b"),
        ("checklist:tick", "done", "maybe"),
        ("checklist:own_tick", "done", ["1", "0", "x"]),
        ("practice:review", "rating", str(10**30)),
        ("practice:review", "answer", "-1"),
        *[("practice:review", "answer", digit) for digit in UNICODE_DIGITS],
    ],
)
def test_htmx_bad_input_is_refused_without_5xx(seeded, name, field, value):
    form = FORMS[name]
    client = _client_for(form, seeded)
    url = form.url(client, seeded)
    before = snapshot(seeded)
    response = client.post(
        url, {**form.data(seeded), field: value}, headers={"HX-Request": "true"}
    )
    assert response.status_code in (400, 422), _failure(name, field, repr(value)[:20], response)
    assert snapshot(seeded) == before


# ---------------------------------------------------------------- foreign ids in forms


def test_mock_form_refuses_another_users_answer(seeded, other_user):
    theirs = AnswerFactory(user=other_user)
    client = _client_for(FORMS["mocks:create"], seeded)
    before = snapshot(seeded)
    response = client.post(reverse("mocks:create"), {**mock_data(seeded), "answers": [theirs.pk]})
    assert response.status_code == 200
    assert snapshot(seeded) == before
    assert "answers" in response.context["form"].errors


def test_review_never_links_another_users_answer(seeded, other_user):
    theirs = AnswerFactory(user=other_user, question=_answer_for(seeded).question)
    client = _client_for(FORMS["practice:review"], seeded)
    url = _review_url(client, seeded)
    response = client.post(url, {"rating": "3", "answer": str(theirs.pk)})
    assert response.status_code == 302
    card = seeded.review_cards.get()
    assert [log.answer_id for log in card.logs.all()] == [None]


def test_own_question_round_must_be_a_pack_slug(seeded):
    client = _client_for(FORMS["practice:new"], seeded)
    before = snapshot(seeded)
    for value in ("999999", "1", "technical ", "TECHNICAL"):
        response = client.post(reverse("practice:new"), {**new_answer_data(), "own-round": value})
        assert response.status_code == 200, value
    assert snapshot(seeded) == before


# ---------------------------------------------------------------- POSTs without fields


@pytest.mark.parametrize("name", sorted(POST_WITHOUT_FIELDS))
def test_junk_data_on_field_less_posts(user, pack, name):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    mock = MockInterviewFactory(user=user)
    answer = AnswerFactory(user=user)
    item = OwnItemFactory(user=user)
    kwargs = {
        "checklist:own_delete": [item.pk],
        "mocks:delete": [mock.pk],
        "mocks:done": [mock.pk],
        "practice:delete": [answer.pk],
        **_sharing_args(user, answer),
    }.get(name, [])
    url = reverse(name, args=kwargs)
    # A NUL anywhere is refused before the view runs (prepapp.middleware), changing nothing.
    before = snapshot(user)
    assert client.post(url, {"y": "a\x00b"}).status_code == 400
    assert snapshot(user) == before
    junk = {"pk": "1", "user": "2", "id": ["1", "2"], "x": HUGE, "z": SCRIPT}
    response = client.post(url, junk)
    failures: list[str] = []
    _check_page(name, "junk", "junk", client, response, failures)
    assert response.status_code == 302
    assert not failures, failures


# ---------------------------------------------------------------- open redirects

EVIL_NEXT = [
    "https://evil.example/",
    "http://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "\\/evil.example/",
    "http:evil.example",
    "https:/evil.example",
    " //evil.example/",
    "\t//evil.example/",
    "/\t/evil.example/",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
    "data:text/html,<script>alert(1)</script>",
    "a\x00//evil.example",
    # Not URLs at all: redirect() would try them as view names.
    "dashboard",
    "a\x00b",
    "practice:due",
    "",
]


def _next_targets(user) -> dict[str, tuple[str, dict]]:
    """POST URLs that honour a `next` field, with the rest of a valid payload."""
    item = OwnItemFactory(user=user)
    answer = _answer_for(user)
    card = ReviewCardFactory(user=user, question=answer.question)
    return {
        "checklist:tick": (reverse("checklist:tick", args=[pack_item().pk]), {"done": "1"}),
        "checklist:note": (reverse("checklist:note", args=[pack_item().pk]), {"note": "n"}),
        "checklist:own_tick": (reverse("checklist:own_tick", args=[item.pk]), {"done": "1"}),
        "checklist:own_note": (reverse("checklist:own_note", args=[item.pk]), {"note": "n"}),
        "practice:review": (reverse("practice:review", args=[card.pk]), {"rating": "3"}),
        "practice:review (bad rating)": (
            reverse("practice:review", args=[card.pk]),
            {"rating": "9"},
        ),
        "mocks:feed_reset": (reverse("mocks:feed_reset"), {}),
    }


@pytest.mark.usefixtures("fast_render")
def test_no_open_redirect_through_next_on_posts(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    failures: list[str] = []
    for name, (url, data) in _next_targets(seeded).items():
        for evil in EVIL_NEXT:
            for response in (
                client.post(url, {**data, "next": evil}),
                client.post(f"{url}?next={evil}", data),
            ):
                if response.status_code >= 500:
                    failures.append(_failure(name, "next", evil, response))
                elif response.status_code in (301, 302, 303) and not location_is_safe(
                    response["Location"]
                ):
                    failures.append(f"{name} next={evil!r} -> {response['Location']!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("fast_render")
def test_no_open_redirect_through_next_on_sign_in_and_out(user):
    failures: list[str] = []
    for evil in EVIL_NEXT:
        anonymous = Client(raise_request_exception=False)
        responses = {
            "login POST": anonymous.post(
                f"/accounts/login/?next={evil}",
                {"username": user.email, "password": PASSWORD, "next": evil},
            ),
        }
        signed_in = Client(raise_request_exception=False)
        signed_in.force_login(user)
        responses["login GET signed in"] = signed_in.get("/accounts/login/", {"next": evil})
        responses["logout"] = signed_in.post("/accounts/logout/", {"next": evil})
        for label, response in responses.items():
            if response.status_code >= 500:
                failures.append(_failure(label, "next", evil, response))
            elif response.status_code in (301, 302, 303) and not location_is_safe(
                response["Location"]
            ):
                failures.append(f"{label} next={evil!r} -> {response['Location']!r}")
    assert not failures, "\n".join(failures)


def test_checklist_show_cannot_steer_the_redirect(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    url = reverse("checklist:tick", args=[pack_item().pk])
    for show in ["//evil.example", "todo#x", "done\r\nLocation: https://evil.example", HUGE]:
        response = client.post(url, {"done": "1", "show": show})
        assert response.status_code == 302
        assert location_is_safe(response["Location"])
        assert response["Location"].startswith(reverse("checklist:index"))


# ---------------------------------------------------------------- GET filters

HOSTILE_QUERY = f"{RTL} {SCRIPT} {SQL}"
QUERY_VALUES = ["999999", "-1", str(10**30), "\x00", HOSTILE_QUERY, HUGE, ["todo", SCRIPT]]
# Parameters parsed as numbers or dates also get the near misses.
NUMERIC_PARAMS = {"page", "min_score", "date_from", "date_to", "own"}
NUMERIC_VALUES = ["1.5", "2026-02-30", "1e3", "0", *UNICODE_DIGITS]
# The partials echo the same values: asked with the two most likely to break one.
HTMX_VALUES = [HOSTILE_QUERY, HUGE]

# The query parameters each page reads. Pages with htmx partials are asked both ways.
GET_FILTERS = {
    "library:questions": ["round", "topic", "q"],
    "library:mistakes": ["topic"],
    "practice:answers": [
        "round",
        "topic",
        "q",
        "page",
        "date_from",
        "date_to",
        "min_score",
        "has_findings",
    ],
    "practice:due": ["page"],
    "mocks:list": ["round", "status", "page"],
    "checklist:index": ["show"],
    "practice:new": ["question", "own"],
    "mocks:create": ["round"],
}
HTMX_PAGES = {"library:questions", "library:mistakes", "practice:answers", "mocks:list"}
FILTER_CASES = [(name, param) for name, params in GET_FILTERS.items() for param in params]


def _get_failures(client, name, url, query, *, htmx=False) -> list[str]:
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(url, query, headers=headers)
    label = f"{name} GET {str(query)[:60]!r}{' (htmx)' if htmx else ''}"
    if response.status_code >= 500:
        return [_failure(label, "", "", response)]
    problems = []
    if SCRIPT in response.content.decode(errors="replace"):
        problems.append(f"{label}: echoes a live <script>")
    if response.status_code in (301, 302, 303) and not location_is_safe(response["Location"]):
        problems.append(f"{label}: redirects off-site to {response['Location']!r}")
    return problems


@pytest.mark.parametrize(
    ("name", "param"), FILTER_CASES, ids=[f"{n}-{p}" for n, p in FILTER_CASES]
)
@pytest.mark.usefixtures("fast_render")
def test_hostile_query_strings_on_filter_pages(seeded, name, param):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    MockInterviewFactory(user=seeded)
    url = reverse(name)
    before = snapshot(seeded)
    failures: list[str] = []
    for value in QUERY_VALUES + (NUMERIC_VALUES if param in NUMERIC_PARAMS else []):
        failures += _get_failures(client, name, url, {param: value})
        if name in HTMX_PAGES and value in HTMX_VALUES:
            failures += _get_failures(client, name, url, {param: value}, htmx=True)
    assert snapshot(seeded) == before, "a GET changed the user's rows"
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("fast_render")
def test_page_numbers_out_of_range(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    failures: list[str] = []
    for name in ("practice:answers", "practice:due", "mocks:list"):
        for page in (
            "-1",
            "0",
            "abc",
            "999999",
            str(10**30),
            "1e3",
            "last",
            "2.0",
            *UNICODE_DIGITS,
        ):
            failures += _get_failures(client, name, reverse(name), {"page": page})
    assert not failures, "\n".join(failures)


# Every GET page, with every filter at once, for the values most likely to break a page.
COMBINED_VALUES = [
    SCRIPT,
    HUGE,
    "\x00",
    "-1",
    str(10**30),
    "https://evil.example/",
    *UNICODE_DIGITS,
]
COMBINED_PARAMS = ["round", "topic", "q", "page", "show", "status", "question", "own", "next"]


def _sharing_args(user, answer) -> dict[str, list]:
    """Path arguments of the sharing URLs: the user's own shares, link and comment, a
    candidate they coach, and an invitation from another candidate waiting for them."""
    given = ShareFactory(candidate=user)
    coached = ShareFactory(coach=user, scope="all")
    invitation = ShareFactory(coach=None, accepted_at=None, invite_email=user.email)
    link, token = link_for(user)
    return {
        "sharing:accept": [invite_token(invitation)],
        "sharing:answer_mark": [answer.pk],
        "sharing:coach_answer": [coached.pk, AnswerFactory(user=coached.candidate).pk],
        "sharing:coach_mock": [coached.pk, MockInterviewFactory(user=coached.candidate).pk],
        "sharing:coach_view": [coached.pk],
        "sharing:comment_resolve": [CommentFactory(author=given.coach, answer=answer).pk],
        "sharing:link_revoke": [link.pk],
        "sharing:link_view": [token],
        "sharing:share_revoke": [given.pk],
        "sharing:share_scope": [given.pk],
    }


def _get_urls(user) -> dict[str, str]:
    """Every URL name -> a URL that GETs one of the user's own objects where it takes one."""
    from tests.mocks.factories import CalendarFeedFactory

    answer = _answer_for(user)
    mock = MockInterviewFactory(user=user)
    item = OwnItemFactory(user=user)
    own_question = UserQuestionFactory(user=user)
    card = ReviewCardFactory(user=user, question=answer.question)
    feed = CalendarFeedFactory(user=user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    args = {
        "accounts:password_reset_confirm": [uid, "bad-token"],
        "checklist:note": [pack_item().pk],
        "checklist:tick": [pack_item().pk],
        "checklist:own_delete": [item.pk],
        "checklist:own_edit": [item.pk],
        "checklist:own_note": [item.pk],
        "checklist:own_tick": [item.pk],
        "library:question": [answer.question.slug],
        "mocks:delete": [mock.pk],
        "mocks:detail": [mock.pk],
        "mocks:done": [mock.pk],
        "mocks:edit": [mock.pk],
        "mocks:feed": [feed.token],
        "mocks:ics": [mock.pk],
        "practice:answer": [answer.pk],
        "practice:delete": [answer.pk],
        "practice:edit": [answer.pk],
        "practice:history": [answer.question.slug],
        "practice:own_history": [own_question.pk],
        "practice:review": [card.pk],
        **_sharing_args(user, answer),
    }
    urls = {}
    for name, pattern in url_patterns().items():
        if pattern.pattern.converters and name not in args:
            raise AssertionError(f"{name} takes a parameter: add it to _get_urls")
        urls[name] = reverse(name, args=args.get(name, []))
    return urls


@pytest.mark.usefixtures("fast_render")
def test_hostile_query_strings_on_every_page(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    urls = _get_urls(seeded)
    before = snapshot(seeded)
    failures: list[str] = []
    for name, url in urls.items():
        if name == "accounts:logout":
            continue  # POST only, and signing out would end the sweep
        for value in COMBINED_VALUES:
            failures += _get_failures(client, name, url, dict.fromkeys(COMBINED_PARAMS, value))
    assert snapshot(seeded) == before, "a GET changed the user's rows"
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- wrong methods

METHODS = ["put", "patch", "delete"]


def test_wrong_methods(user):
    """PUT, PATCH and DELETE on every URL: 405 signed in; anonymous, 302 to sign in
    (405 when the URL is public)."""
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(user)
    anonymous = Client(raise_request_exception=False)
    before = snapshot(user)
    failures = []
    for name in url_names():
        url = dummy_url(name)
        answers = {m: getattr(signed_in, m)(url).status_code for m in METHODS}
        if answers != dict.fromkeys(METHODS, 405):
            failures.append(f"{name} signed in: {answers}")
        expected = 405 if is_public(name) else 302
        answers = {m: getattr(anonymous, m)(url).status_code for m in METHODS}
        if answers != dict.fromkeys(METHODS, expected):
            failures.append(f"{name} anonymous: {answers} (expected {expected})")
    assert snapshot(user) == before
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- import


@pytest.fixture
def export(pack):
    """A small but complete export: one row of each kind, every field filled."""
    source = UserFactory(display_name="Source", interview_date=timezone.localdate())
    item = OwnItemFactory(user=source)
    ItemStateFactory(user=source, item=None, own_item=item, note="Own note")
    ItemStateFactory(user=source, item=pack_item(), note="Pack note")
    own = UserQuestionFactory(user=source)
    question = bank_question()
    answer = answer_save(
        Answer(user=source, question=question, body="**Body**", seconds_spent=60, score_data=3),
        mistakes=[],
    )
    answer_save(Answer(user=source, user_question=own, body="Own body"), mistakes=[])
    card = source.review_cards.get(question=question)  # answer_save scheduled it
    card_review(card, 3, answer=answer)
    mock = MockInterviewFactory(user=source, interviewer="Sam", overall_rating=4)
    mock.answers.add(answer)
    mock.questions.add(question)
    return data_export(source)


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("export.json", content, content_type="application/json")


def _import(client, content: bytes):
    return client.post(reverse("accounts:import"), {"file": _upload(content)})


def _leaves(node, path=()):
    """Every (path, value) of a JSON tree, lists and objects included as nodes too."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _leaves(value, (*path, n))


def _replaced(tree, path, value):
    copy = json.loads(json.dumps(tree))
    node = copy
    for key in path[:-1]:
        node = node[key]
    if value is MISSING:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return copy


# Keys whose text is stored: a NUL or an oversized value there must be refused.
STORED_TEXT = {"text", "note", "body", "interviewer", "typed_questions", "strengths"}
STORED_TEXT |= {"improvements", "display_name", "ref"}


def test_import_base_is_accepted(auth_client, user, export):
    before = snapshot(user)
    response = _import(auth_client, json.dumps(export).encode())
    assert response.status_code == 302
    assert snapshot(user) != before


def _import_values(value) -> list[tuple[str, object]]:
    """Hostile replacements for one node of the export, chosen by what it holds."""
    common = [("null", None), ("missing", MISSING)]
    if isinstance(value, bool) or value is None:
        return [("text", "x"), ("list", []), ("object", {}), ("huge_int", 10**30)]
    if isinstance(value, int):
        return [*common, ("huge_int", 10**30), ("text", "3"), ("negative", -1), ("float", 1.5)]
    if isinstance(value, str):
        values = [*common, ("list", [value]), ("nul", "a\x00b")]
        if value[:4].isdigit():  # a date or a date-time
            values += [("bad_date", "2026-02-30"), ("bad_datetime", "2026-02-30T10:00:00")]
            values += [("year_one_east", "0001-01-01T00:00:00+14:00"), ("year_9999", "9999-12-31")]
        return values
    if isinstance(value, list):
        return [*common, ("text", "x"), ("list_of_nulls", [None]), ("nested", [[{}]])]
    return [*common, ("list", [value]), ("text", "x")]


def _shape(path) -> tuple:
    """A path with row numbers dropped: rows of one list share their validation."""
    return tuple("*" if isinstance(k, int) else k for k in path)


def test_import_hostile_values_node_by_node(user, export):
    """Every node of a valid export replaced in turn: refused cleanly, or imported whole.

    Calls data_import directly (the view adds only the form and the error page, both
    swept above), so a few hundred files run in seconds. A node is swept once per shape
    and type of value: the second row of a list only when it differs from the first.
    """
    failures: list[str] = []
    seen: set = set()
    baseline = snapshot(user)
    for path, node in _leaves(export):
        shape = (_shape(path), type(node).__name__)
        if not path or shape in seen:
            continue
        seen.add(shape)
        key = next((k for k in reversed(path) if isinstance(k, str)), "")
        values = _import_values(node)
        if isinstance(node, str):
            values.append(("oversized", HUGE))
        where = ".".join(map(str, path))
        accepted = False
        for label, value in values:
            try:
                data_import(user, json.dumps(_replaced(export, path, value)))
            except ImportRefused:
                pass
            except Exception as error:  # noqa: BLE001 - any other error is a 500 in the view
                failures.append(
                    f"import {where}={label}: {_where(type(error), error.__traceback__)}"
                )
            else:
                accepted = True
                if key in STORED_TEXT and label in ("nul", "oversized"):
                    failures.append(f"import {where}={label}: accepted NUL/unbounded text")
        # Refusals write nothing: checked once per node, since only an import that
        # went through may change the rows.
        current = snapshot(user)
        if not accepted and current != baseline:
            failures.append(
                f"import {where}: refused but wrote {snapshot_diff(baseline, current)}"
            )
        baseline = current
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("empty", b""),
        ("not json", b"hello"),
        ("binary", bytes(range(256)) * 10),
        ("bom", b"\xef\xbb\xbf{}"),
        ("utf16", '{"format": "prepapp-export"}'.encode("utf-16")),
        ("nul", b'{"format": "prepapp-export\x00"}'),
        ("array", b"[]"),
        ("null", b"null"),
        ("string", b'"prepapp-export"'),
        ("number", b"1e400"),
        ("nan", b'{"format": "prepapp-export", "version": NaN}'),
        ("deep array", b"[" * 100_000 + b"]" * 100_000),
        ("deep object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("wrong version", b'{"format": "prepapp-export", "version": "1"}'),
        ("huge version", b'{"format": "prepapp-export", "version": 1' + b"0" * 5000 + b"}"),
        ("unhashable format", b'{"format": ["prepapp-export"], "version": 1}'),
        ("lists everywhere", b'{"format": "prepapp-export", "version": 1, "mocks": "x"}'),
    ],
)
def test_import_malformed_files(auth_client, user, label, content):
    auth_client.raise_request_exception = False
    before = snapshot(user)
    response = _import(auth_client, content)
    assert response.status_code in (200, 400), _failure("import", "file", label, response)
    assert snapshot(user) == before


def test_import_row_shapes(auth_client, user, export):
    """Rows that are the wrong type, and choice fields holding unhashable values."""
    auth_client.raise_request_exception = False
    shapes = {
        "mock status list": (("mocks", 0, "status"), ["done"]),
        "mock status object": (("mocks", 0, "status"), {"a": 1}),
        "mock format list": (("mocks", 0, "format"), ["peer"]),
        "mock row not object": (("mocks", 0), "x"),
        "answers not list": (("practice", "answers"), {"a": 1}),
        "scores list": (("practice", "answers", 0, "scores"), [1, 2]),
        "score unknown": (("practice", "answers", 0, "scores"), {"x" * 1000: 3}),
        "card state huge": (("practice", "review_cards", 0, "state"), {"k": "v" * 10_000}),
        "profile list": (("profile",), []),
        "checklist string": (("checklist",), "nope"),
    }
    failures = []
    for label, (path, value) in shapes.items():
        before = snapshot(user)
        response = _import(auth_client, json.dumps(_replaced(export, path, value)).encode())
        if response.status_code >= 500:
            failures.append(_failure("import", ".".join(map(str, path)), label, response))
        elif response.status_code != 400 or snapshot(user) != before:
            failures.append(f"import {label}: {response.status_code}, not refused")
    assert not failures, "\n".join(failures)
