"""Read a rendered form back as a browser would submit it, unchanged.

For "saving a form unchanged changes nothing" and for checking what the inputs carry.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# HTML's value sanitization: a date or datetime-local input whose value is not in this
# form is empty, in the browser and in what it submits.
BROWSER_VALID = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"),
}


class _FormReader(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.done = False
        self.data: list[tuple[str, str]] = []
        self.inputs: list[dict[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and not self.done and a.get("action") == self.action:
            self.inside = True
        if not self.inside:
            return
        if tag == "input":
            self.inputs.append(a)
            kind = a.get("type", "text")
            if "name" not in a or kind in {"submit", "button", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data.append((a["name"], a.get("value", "on")))
            else:
                value = a.get("value", "")
                if kind in BROWSER_VALID and not BROWSER_VALID[kind].fullmatch(value):
                    value = ""
                self.data.append((a["name"], value))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a.get("name"), None, False
        elif tag == "option" and self._select:
            self._option, self._text = a, ""
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._option is not None or self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "option" and self._option is not None:
            value = self._option.get("value", self._text.strip())
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self.data.append((self._select, value))
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.data.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            self.data.append((self._textarea, re.sub(r"^\r?\n", "", self._text)))
            self._textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_read(html: str, action: str) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    """The form posting to `action`: (what it submits unchanged, its <input> attributes)."""
    reader = _FormReader(action)
    reader.feed(html)
    assert reader.done, f"no form posting to {action}"
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data, reader.inputs
