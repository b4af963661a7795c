"""Answer drafts: the text typed for a question, kept server side until the answer is saved."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from prepapp.practice.models import BODY_MAX_LENGTH, Answer, AnswerDraft


def _target(question=None, user_question=None) -> dict:
    if (question is None) == (user_question is None):
        raise ValueError("pass exactly one of question and user_question")
    return {"question": question} if question is not None else {"user_question": user_question}


def _same_text(a: str, b: str) -> bool:
    # A textarea posts CRLF line ends and the answer form strips its text.
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def draft_save(user, body: str, *, question=None, user_question=None) -> AnswerDraft | None:
    """Keep what the user typed; an empty text deletes the draft. Cut to the answer's limit,
    so a draft never holds more than an answer could.

    Returns None, keeping nothing, for the text of the newest answer to this question: the
    editor's autosave can land just after the answer's own save cleared the draft, and it
    must not bring the saved text back as "unsaved".
    """
    target = _target(question, user_question)
    if not body.strip():
        draft_discard(user, question=question, user_question=user_question)
        return None
    body = body[:BODY_MAX_LENGTH]
    # Saved every second or so while typing: one UPDATE in the usual case, rather than
    # update_or_create's locking SELECT inside a savepoint.
    drafts = AnswerDraft.objects.for_user(user).filter(**target)
    if drafts.update(body=body, updated_at=timezone.now()):
        return AnswerDraft(user=user, **target, body=body)
    # No draft yet: the one place a late autosave can arrive, so the one place to look.
    newest = Answer.objects.for_user(user).filter(**target).values_list("body", flat=True)
    saved = newest.first()
    if saved is not None and _same_text(saved, body):
        return None
    try:
        with transaction.atomic():
            return AnswerDraft.objects.create(user=user, **target, body=body)
    except IntegrityError:
        # Another request created it a moment ago (two tabs): this text is the newer one.
        drafts.update(body=body, updated_at=timezone.now())
        return AnswerDraft(user=user, **target, body=body)


def draft_body(user, *, question=None, user_question=None) -> str:
    """The saved draft's text, or "" when there is none."""
    target = _target(question, user_question)
    body = AnswerDraft.objects.for_user(user).filter(**target).values_list("body", flat=True)
    return body.first() or ""


def draft_discard(user, *, question=None, user_question=None) -> None:
    AnswerDraft.objects.for_user(user).filter(**_target(question, user_question)).delete()
