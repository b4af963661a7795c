"""Answer drafts: the text typed for a question, kept server side until the answer is saved."""

from __future__ import annotations

from prepapp.practice.models import BODY_MAX_LENGTH, AnswerDraft


def _target(question=None, user_question=None) -> dict:
    if (question is None) == (user_question is None):
        raise ValueError("pass exactly one of question and user_question")
    return {"question": question} if question is not None else {"user_question": user_question}


def draft_save(user, body: str, *, question=None, user_question=None) -> AnswerDraft | None:
    """Keep what the user typed; an empty text deletes the draft. Cut to the answer's limit,
    so a draft never holds more than an answer could."""
    target = _target(question, user_question)
    if not body.strip():
        draft_discard(user, question=question, user_question=user_question)
        return None
    draft, _created = AnswerDraft.objects.update_or_create(
        user=user, **target, defaults={"body": body[:BODY_MAX_LENGTH]}
    )
    return draft


def draft_body(user, *, question=None, user_question=None) -> str:
    """The saved draft's text, or "" when there is none."""
    target = _target(question, user_question)
    body = AnswerDraft.objects.for_user(user).filter(**target).values_list("body", flat=True)
    return body.first() or ""


def draft_discard(user, *, question=None, user_question=None) -> None:
    AnswerDraft.objects.for_user(user).filter(**_target(question, user_question)).delete()
