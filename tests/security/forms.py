"""Every POST view's form: built as the view builds it, its fields read from the form itself.

Each entry names the view's form classes (`forms`, built for the user as the view builds
them, prefix included), where to POST, and a payload the view accepts. The fields, their
kinds, whether they are required and their bounds come from those forms (hostile.field_spec),
so a new field is swept as soon as the form has it. test_form_fields.py checks each entry
against the forms the view itself renders back, and fails for a POST URL with no entry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prepapp.accounts.forms import (
    CountedPasswordChangeForm,
    DeleteAccountForm,
    EmailChangeForm,
    ProfileForm,
    QueuedPasswordResetForm,
    SignInForm,
    SignUpForm,
)
from prepapp.accounts.models import User
from prepapp.checklist.forms import NoteForm, OwnItemForm, TickForm
from prepapp.library.models import MistakePair
from prepapp.library.rubric import round_dimensions
from prepapp.mocks.forms import MockInterviewForm
from prepapp.practice.forms import (
    AnswerForm,
    AnswerWriteForm,
    ReviewForm,
    SessionStartForm,
    UserQuestionForm,
)
from prepapp.practice.models import Answer
from prepapp.practice.sessions import session_start
from prepapp.reminders.forms import ReminderSettingsForm
from prepapp.sharing.forms import CommentForm, InviteForm, LinkForm, ScopeForm
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, pack_item
from tests.factories import PASSWORD
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory, ReviewCardFactory
from tests.security.hostile import IGNORED, Field, field_spec
from tests.security.payloads import (
    NEW_PASSWORD,
    answer_data,
    mock_data,
    new_answer_data,
    own_item_data,
)
from tests.security.rows import snapshot
from tests.sharing.factories import ShareFactory


@dataclass
class Form:
    # (user) -> the view's forms, unbound, built with what the view passes them.
    forms: Callable
    # (client, user) -> the URL to POST to, creating the user's object when it needs one.
    url: Callable
    # (user) -> a payload the view accepts.
    data: Callable
    anonymous: bool = False
    # (client, user) -> what must not change when a payload is refused.
    state: Callable = lambda client, user: snapshot(user)
    # Values posted beside the form that the view reads but never stores (`next`, `show`).
    extra: dict[str, Field] = field(default_factory=dict)
    # What the base payload answers: a redirect, or a page only that response may show.
    accepted_status: int = 302

    def fields(self, user) -> dict[str, Field]:
        """Posted name (prefix included) -> what the form field takes."""
        found = {
            form.add_prefix(name): field_spec(f)
            for form in self.forms(user)
            for name, f in form.fields.items()
        }
        return {**found, **self.extra}

    def swept(self, user) -> list[str]:
        """One field per distinct spec: fields alike (a rubric's six scores, two
        multi-selects of ids) are validated alike, and the all-at-once test sends every
        value to the rest."""
        seen: set = set()
        names = []
        for name, spec in self.fields(user).items():
            if spec not in seen:
                seen.add(spec)
                names.append(name)
        return names


def client_for(form: Form, user) -> Client:
    """Signed in as `user`, or signed out for the forms of the public pages."""
    client = Client(raise_request_exception=False)
    if not form.anonymous:
        client.force_login(user)
    return client


_emails = itertools.count()


def _request(user=None):
    request = RequestFactory().post("/")
    request.user = user
    return request


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


def answer_for(user) -> Answer:
    return Answer.objects.for_user(user).select_related("question__round").order_by("pk").first()


def _edit_answer_data(user) -> dict:
    return answer_data(answer_for(user).question.round.slug)


def _mock_url(client, user):
    return reverse("mocks:edit", args=[MockInterviewFactory(user=user).pk])


def review_url(client, user):
    answer = answer_for(user)
    card = ReviewCardFactory(user=user, question=answer.question)
    return reverse("practice:review", args=[card.pk])


def _session_url(client, user):
    return reverse("practice:session", args=[session_start(user).pk])


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


def _url(name, *args):
    return lambda client, user: reverse(name, args=args)


def _answer_form(round_slug):
    return AnswerForm(
        dimensions=round_dimensions(round_slug), mistake_pairs=MistakePair.objects.all()
    )


SHOW = {"show": Field(IGNORED)}

FORMS: dict[str, Form] = {
    "accounts:settings": Form(
        lambda user: [ProfileForm(instance=user)],
        _url("accounts:settings"),
        lambda user: {
            "display_name": "Sam",
            "interview_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "time_zone": "Europe/Berlin",
        },
    ),
    "reminders:settings": Form(
        lambda user: [ReminderSettingsForm()],
        _url("reminders:settings"),
        lambda user: {"digest": "weekly", "digest_weekday": "2", "send_hour": "18"},
    ),
    "accounts:email_change": Form(
        lambda user: [EmailChangeForm(user, request=_request(user))],
        _url("accounts:email_change"),
        lambda user: {"email": f"moved{next(_emails)}@example.org", "password": PASSWORD},
    ),
    "accounts:delete": Form(
        lambda user: [DeleteAccountForm(user, request=_request(user))],
        _url("accounts:delete"),
        lambda user: {"password": PASSWORD},
    ),
    "accounts:password_change": Form(
        lambda user: [CountedPasswordChangeForm(user, request=_request(user))],
        _url("accounts:password_change"),
        lambda user: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    "accounts:signup": Form(
        lambda user: [SignUpForm()],
        _url("accounts:signup"),
        lambda user: {
            "email": f"newcomer{next(_emails)}@example.org",
            "display_name": "Newcomer",
            "time_zone": "Europe/Berlin",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        anonymous=True,
        state=_user_count_state,
    ),
    "accounts:login": Form(
        lambda user: [SignInForm(_request())],
        _url("accounts:login"),
        lambda user: {"username": user.email, "password": PASSWORD},
        anonymous=True,
        state=lambda client, user: _signed_in(client),
    ),
    "accounts:password_reset": Form(
        lambda user: [QueuedPasswordResetForm()],
        _url("accounts:password_reset"),
        lambda user: {"email": user.email},
        anonymous=True,
        state=lambda client, user: len(mail.outbox),
    ),
    "accounts:password_reset_confirm": Form(
        lambda user: [SetPasswordForm(user)],
        _reset_confirm_url,
        lambda user: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        anonymous=True,
        state=_password_state,
    ),
    "checklist:tick": Form(
        lambda user: [TickForm()],
        lambda client, user: reverse("checklist:tick", args=[pack_item().pk]),
        lambda user: {"done": "1", "show": "todo"},
        extra=SHOW,
    ),
    "checklist:note": Form(
        lambda user: [NoteForm()],
        lambda client, user: reverse("checklist:note", args=[pack_item().pk]),
        lambda user: {"note": "Ask about their EHR", "show": "todo"},
        extra=SHOW,
    ),
    "checklist:own_tick": Form(
        lambda user: [TickForm()],
        _own_item_url("checklist:own_tick"),
        lambda user: {"done": "1"},
        extra=SHOW,
    ),
    "checklist:own_note": Form(
        lambda user: [NoteForm()],
        _own_item_url("checklist:own_note"),
        lambda user: {"note": "Practise twice"},
        extra=SHOW,
    ),
    "checklist:own_add": Form(
        lambda user: [OwnItemForm()], _url("checklist:own_add"), lambda user: own_item_data()
    ),
    "checklist:own_edit": Form(
        lambda user: [OwnItemForm()],
        _own_item_url("checklist:own_edit"),
        lambda user: own_item_data(),
    ),
    "mocks:create": Form(
        lambda user: [MockInterviewForm(user=user)], _url("mocks:create"), mock_data
    ),
    "mocks:edit": Form(lambda user: [MockInterviewForm(user=user)], _mock_url, mock_data),
    "practice:new": Form(
        lambda user: [_answer_form(None), UserQuestionForm(prefix="own")],
        _url("practice:new"),
        lambda user: new_answer_data(),
    ),
    "practice:edit": Form(
        lambda user: [_answer_form(answer_for(user).question.round.slug)],
        lambda client, user: reverse("practice:edit", args=[answer_for(user).pk]),
        _edit_answer_data,
    ),
    "practice:review": Form(
        lambda user: [ReviewForm()],
        review_url,
        lambda user: {"rating": "3", "answer": str(answer_for(user).pk), "next": "/practice/"},
        extra={"next": Field(IGNORED)},
    ),
    "practice:session_new": Form(
        lambda user: [SessionStartForm()],
        _url("practice:session_new"),
        lambda user: {"round": "technical", "length": "5"},
    ),
    # A session's writing step (its assessing step posts SelfAssessmentForm's fields, the
    # answer form's scores and mistakes, swept above through practice:edit).
    "practice:session": Form(
        lambda user: [AnswerWriteForm()],
        _session_url,
        lambda user: {"stage": "write", "body": "I would start from the clinicians' workflow."},
        extra={"stage": Field(IGNORED)},
    ),
    "sharing:settings": Form(
        lambda user: [InviteForm(user)],
        _url("sharing:settings"),
        lambda user: {"email": "coach@example.org", "scope": "marked"},
    ),
    "sharing:share_scope": Form(
        lambda user: [ScopeForm()],
        _share_given_url("sharing:share_scope"),
        lambda user: {"scope": "all"},
    ),
    # The only response that shows the new link's token: a page, not a redirect.
    "sharing:link_create": Form(
        lambda user: [LinkForm()],
        _url("sharing:link_create"),
        lambda user: {"label": "Mentor", "days": "7"},
        accepted_status=200,
    ),
    "sharing:coach_answer": Form(
        lambda user: [CommentForm()],
        _coach_url("sharing:coach_answer"),
        lambda user: {"body": "Lead with the metric."},
    ),
    "sharing:coach_mock": Form(
        lambda user: [CommentForm()],
        _coach_url("sharing:coach_mock"),
        lambda user: {"body": "Good pacing."},
    ),
}

# POSTs answering with a fragment (no redirect; nothing, or a draft, stored): their hostile
# bodies are swept in tests/practice/test_preview_drafts.py.
POST_FRAGMENTS = {"practice:preview", "practice:draft"}

# Accept POST but have no fields to vary: their ids are swept in test_object_access.py.
POST_WITHOUT_FIELDS = {
    "accounts:logout",
    "checklist:own_delete",
    "mocks:delete",
    "mocks:done",
    "mocks:feed_reset",
    "practice:delete",
    "reminders:one_click",
    "reminders:unsubscribe",
    # A yes/no flag or none: any value or none is an answer (answer_mark, comment_resolve).
    "sharing:accept",
    "sharing:answer_mark",
    "sharing:comment_resolve",
    "sharing:link_revoke",
    "sharing:share_revoke",
}
# A file upload: swept by tests/portability/test_import_fuzz.py.
UPLOADS = {"accounts:import"}
