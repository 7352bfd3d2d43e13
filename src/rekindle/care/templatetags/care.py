from django import template

from rekindle.care import selectors

register = template.Library()


@register.inclusion_tag("care/_joint_exercises.html", takes_context=True)
def joint_exercises_switch(context):
    """The one switch for joint conflict exercises, worded the same wherever it is offered."""
    request = context["request"]
    return {
        "hidden": selectors.preferences_for(request.user).hide_joint_conflict,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
