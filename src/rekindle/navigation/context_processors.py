from rekindle.navigation.destinations import destination_for, way_back


def navigation(request):
    """The tabs, the current one and the way back: from the URL name alone, no query."""
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else None
    current = destination_for(name)
    back = way_back(name)
    return {
        "nav_current": current.key if current else "",
        "nav_back": {"url_name": back[0], "label": back[1]} if back else None,
    }
