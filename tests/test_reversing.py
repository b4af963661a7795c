"""url_reverse and the {% url %} tag built on it give what Django's reverse() gives."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from prepapp.reversing import url_reverse
from prepapp.template_filters import RememberedURLNode

# Arguments of every kind url_reverse remembers, and of kinds it hands to reverse().
_SAMPLES = {
    "int": [0, 7, 123456789, "42"],
    "slug": ["a", "q-semantic-interoperability", "snake_case-9", "42"],
    "str": ["a", "with space", "ünïcode", "q-1"],
    "path": ["a", "a/b", "42"],
    "uuid": ["12345678-1234-5678-1234-567812345678"],
}


def _named_patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            kinds = [
                type(c).__name__.removesuffix("Converter").lower() for c in converters.values()
            ]
            yield f"{namespace}{entry.name}", kinds


NAMED = sorted({(name, tuple(kinds)) for name, kinds in _named_patterns()})


def test_the_project_has_named_patterns_with_arguments():
    assert any(kinds == ("int",) for _name, kinds in NAMED)
    assert any(kinds == ("slug",) for _name, kinds in NAMED)


@pytest.mark.parametrize(("name", "kinds"), NAMED, ids=[name for name, _k in NAMED])
def test_every_named_pattern_reverses_as_django_does(name, kinds):
    samples = [_SAMPLES.get(kind, ["x"]) for kind in kinds]
    for index in range(max((len(s) for s in samples), default=1)):
        args = [s[index % len(s)] for s in samples]
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                url_reverse(name, args=args)
            continue
        assert url_reverse(name, args=args) == expected
        assert url_reverse(name, args=args) == expected  # the remembered shape, too


def test_a_value_no_pattern_takes_raises_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        url_reverse("mocks:detail", args=["not-a-number"])
    with pytest.raises(NoReverseMatch):
        url_reverse("mocks:detail", args=[-1])
    with pytest.raises(NoReverseMatch):
        url_reverse("no-such-name")


def test_the_url_tag_renders_through_url_reverse():
    template = Template(
        "{% url 'mocks:detail' pk %}|{% url 'library:question' slug %}|"
        "{% url 'library:question' slug=slug %}|{% url 'nope' as gone %}[{{ gone }}]"
        "{% url 'dashboard:home' as home %}{{ home }}"
    )
    assert isinstance(template.nodelist[0], RememberedURLNode)
    rendered = template.render(Context({"pk": 5, "slug": "q-a"}))
    assert rendered == (
        f"{reverse('mocks:detail', args=[5])}|{reverse('library:question', args=['q-a'])}|"
        f"{reverse('library:question', args=['q-a'])}|[]{reverse('dashboard:home')}"
    )
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nope' %}").render(Context())
