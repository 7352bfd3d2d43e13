"""Django's `{% url %}`, remembering the address when every part of it is written in the template.

`{% url 'today' %}` gives the same address on every page (for one script prefix and URL conf),
yet `reverse()` works it out each time: a page has a dozen or two of these, about a twentieth
of its rendering. This tag (a template builtin, in place of Django's) keeps each such address
once worked out; a tag with a variable in it (`{% url 'checkin_day' day=day.date %}`) is
Django's own, unchanged.
"""

from __future__ import annotations

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_known: dict[tuple, str] = {}  # bounded: one entry per literal tag, script prefix and URL conf


def _literal(expression) -> bool:
    return not expression.is_var and not expression.filters


class LiteralURLNode(URLNode):
    def render(self, context):
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        key = (get_script_prefix(), get_urlconf(), current_app, self.view_name.var,
               tuple(arg.var for arg in self.args), tuple((k, v.var) for k, v in self.kwargs.items()))
        url = _known.get(key)
        if url is None:
            try:
                url = reverse(
                    self.view_name.resolve(context),
                    args=[arg.resolve(context) for arg in self.args],
                    kwargs={k: v.resolve(context) for k, v in self.kwargs.items()},
                    current_app=current_app,
                )
            except NoReverseMatch:
                return super().render(context)  # no such address: Django's node says so, as ever
            _known[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    if _literal(node.view_name) and all(map(_literal, node.args)) and all(map(_literal, node.kwargs.values())):
        return LiteralURLNode(node.view_name, node.args, node.kwargs, node.asvar)
    return node
