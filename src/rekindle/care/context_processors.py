from django.conf import settings


def quick_exit(request):
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
