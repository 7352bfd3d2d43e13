from django.conf import settings
from django.utils.functional import SimpleLazyObject

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _safety_check_size() -> dict:
    """How many questions the safety check asks, as a figure and as a word, from its content file."""
    from rekindle.care.questions import safety_check

    count = len(safety_check()["questions"])
    word = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return {"count": count, "word": word, "plural": count != 1}


def quick_exit(request):
    # Care wording shared by every page: the quick exit, and the safety check's size (read only if shown).
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL, "SAFETY_CHECK": SimpleLazyObject(_safety_check_size)}
