"""The arguments of every URL that takes some: the one place a new URL gets them.

The walk itself is tests/security/walker.py (names from the resolver); a new URL that takes
a parameter makes its `site_urls` fail until `site_seed` gives it one here. Signed in, the
user has a few weeks of demo data (answers with findings, review cards, mocks done and
planned, own checklist items) and an own question and a calendar feed.
"""

from __future__ import annotations

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prepapp.checklist.models import OwnItem
from prepapp.demo.seeding import demo_seed
from prepapp.library.models import ChecklistItem
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer, ReviewCard
from prepapp.practice.sessions import session_start
from prepapp.reminders.unsubscribe import unsubscribe_token
from prepapp.sharing.models import SharedAnswer
from prepapp.sharing.services import invite_token, link_create
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.sharing.factories import CommentFactory, ShareFactory


def site_seed(user) -> dict[str, list]:
    """Give `user` data on every page; return the path arguments of each URL that takes some."""
    demo_seed(user, answers=12, mocks=5)
    own_question = UserQuestionFactory(user=user)
    AnswerFactory(user=user, question=None, user_question=own_question, body="My own answer.")
    answer = Answer.objects.for_user(user).filter(question__isnull=False).order_by("pk").first()
    mock = MockInterview.objects.for_user(user).order_by("pk").first()
    own_item = OwnItem.objects.filter(user=user).order_by("pk").first()
    card = ReviewCard.objects.for_user(user).order_by("pk").first()
    feed = CalendarFeedFactory(user=user)
    session = session_start(user)
    # Sharing: the user shares with a coach (an answer marked, a read-only link, a coach's
    # comment), coaches a candidate of their own, and holds an invitation to accept.
    given = ShareFactory(candidate=user)
    SharedAnswer.objects.create(answer=answer)
    comment = CommentFactory(author=given.coach, answer=answer)
    link, link_token = link_create(user)
    coached = ShareFactory(coach=user, scope="all")
    coached_answer = AnswerFactory(user=coached.candidate)
    coached_mock = MockInterviewFactory(user=coached.candidate)
    invitation = ShareFactory(coach=None, accepted_at=None, invite_email=user.email)
    return {
        "accounts:password_reset_confirm": [
            urlsafe_base64_encode(force_bytes(user.pk)),
            "bad-token",
        ],
        "checklist:note": [ChecklistItem.objects.order_by("pk").first().pk],
        "checklist:tick": [ChecklistItem.objects.order_by("pk").first().pk],
        "checklist:own_delete": [own_item.pk],
        "checklist:own_edit": [own_item.pk],
        "checklist:own_note": [own_item.pk],
        "checklist:own_tick": [own_item.pk],
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
        "reminders:unsubscribe": [unsubscribe_token(user, "digest")],
        "reminders:one_click": [unsubscribe_token(user, "digest")],
        "practice:session": [session.pk],
        "practice:session_summary": [session.pk],
        "sharing:accept": [invite_token(invitation)],
        "sharing:answer_mark": [answer.pk],
        "sharing:coach_answer": [coached.pk, coached_answer.pk],
        "sharing:coach_mock": [coached.pk, coached_mock.pk],
        "sharing:coach_view": [coached.pk],
        "sharing:comment_resolve": [comment.pk],
        "sharing:link_revoke": [link.pk],
        "sharing:link_view": [link_token],
        "sharing:share_revoke": [given.pk],
        "sharing:share_scope": [given.pk],
    }


def __getattr__(name: str):
    """`site_urls` and `html_pages` moved to the walker; still importable from here."""
    if name in {"site_urls", "html_pages"}:
        from tests.security import walker

        return getattr(walker, name)
    raise AttributeError(name)
