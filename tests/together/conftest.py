import pytest

from rekindle.spaces.selectors import couple_for
from rekindle.together import content, services


@pytest.fixture
def add_item():
    """Add an item to someone's list the way the page does."""

    def add(person, title="Try the new noodle bar", note=""):
        return services.bucket_item_add(person=person, couple=couple_for(person), title=title, note=note)

    return add


@pytest.fixture
def override(tmp_path, settings):
    """An operator's content folder in a throwaway data directory."""
    settings.DATA_DIR = tmp_path
    (tmp_path / "content").mkdir()
    content.clear_cache()
    yield tmp_path / "content"
    content.clear_cache()
