import datetime as dt


class IsoDateConverter:
    """A calendar date in a URL, as YYYY-MM-DD."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date") from None  # the URL then doesn't match: a 404

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()
