"""`{% load measure_ui %}`: the weekly connection question's ten radios, built in Python.

Today shows it every week; ten options rendered through a template loop were a fifth of the
page's cost. The words come from the instruments' data file and are escaped here.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def connection_radios(form, wording) -> str:
    """`{% connection_radios form wording %}`: 1 to 10, the chosen one checked, and the field's error."""
    words = wording.connection
    low, high = escape(words["low"]), escape(words["high"])
    errors = form["connection"].errors
    described = ' aria-describedby="connection-error"' if errors else ""
    error = f'<p class="errorlist" id="connection-error">{escape(str(errors[0]))}</p>' if errors else ""
    invalid = ' aria-invalid="true"' if errors else ""
    numbers = form.numbers()
    options = []
    for position, n in enumerate(numbers):
        end = ""
        if position == 0:
            end = f'<span class="visually-hidden"> — {low}</span>'
        elif position == len(numbers) - 1:
            end = f'<span class="visually-hidden"> — {high}</span>'
        checked = " checked" if n["checked"] else ""
        options.append(
            f'<label class="connection-option"><input type="radio" name="connection" value="{n["value"]}"'
            f'{checked} required{invalid}><span>{n["value"]}{end}</span></label>'
        )
    return mark_safe(  # fixed markup; the data file's words and the error escaped above
        f'<fieldset class="connection"{described}><legend>{escape(words["question"])}</legend>{error}'
        f'<div class="connection-options">{"".join(options)}</div>'
        f'<p class="connection-ends quiet" aria-hidden="true"><span>1 · {low}</span><span>10 · {high}</span></p></fieldset>'
    )
