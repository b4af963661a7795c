"""Every page of the site, for the walks that check them all (HEAD, HTML validity, axe).

The URL names come from the resolver, so a new page is walked without anyone listing it;
a new URL that takes a parameter makes `site_urls` fail until it is given one here.
Signed in, the user has a few weeks of demo data (answers with findings, review cards,
mocks done and planned, own checklist items) and an own question and a calendar feed.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prepapp.checklist.models import OwnItem
from prepapp.demo.seeding import demo_seed
from prepapp.library.models import ChecklistItem
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer, ReviewCard
from prepapp.sharing.models import SharedAnswer
from prepapp.sharing.services import invite_token, link_create
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.sharing.factories import CommentFactory, ShareFactory
from tests.sweep_support import is_public, url_patterns

# Signed out, these answer with something other than a page (a health check, a calendar).
NOT_PAGES = {"healthz", "favicon", "mocks:feed"}


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


def site_urls(user) -> dict[str, str]:
    """Every URL name -> its URL, pointing at `user`'s own rows where it takes an id."""
    args = site_seed(user)
    urls = {}
    for name, pattern in url_patterns().items():
        if pattern.pattern.converters and name not in args:
            raise AssertionError(f"{name} takes a parameter: add it to site_seed")
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
