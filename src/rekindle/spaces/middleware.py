from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty

from rekindle.lib.dates import zone


class PersonTimezoneMiddleware:
    """Show times in the signed-in person's own time zone.

    It also hands on the person itself as `request.user`, in place of the lazy stand-in that
    AuthenticationMiddleware sets: a page reads it hundreds of times (ids, the couple cached on
    it), and each read through the stand-in is two extra calls.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, SimpleLazyObject):
            if user._wrapped is empty:
                user._setup()
            request.user = user = user._wrapped
        if user is not None and user.is_authenticated:
            timezone.activate(zone(user.time_zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
