from __future__ import annotations


def news_unread(request) -> dict:
    """How many news items wait for the viewer, and from whom — read from what the request already has."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"news_unread": 0}
    couple = getattr(request, "_rekindle_couple", None)  # set by pages that asked for the couple
    partner = couple.partner if couple is not None else None
    return {
        "news_unread": user.news_unread or 0,
        "news_from": partner.display_name if partner is not None else "",
    }
