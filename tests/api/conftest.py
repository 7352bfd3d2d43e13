"""The API tests' own collection hook."""

from _pytest.nodeid import coerce_node_id


def pytest_collection_modifyitems(items):
    # schemathesis names each operation's test ("…[GET /api/checkins/today]"), but under
    # pytest 9 all of them keep the function's node id. Parallel workers (pytest-xdist) tell
    # tests apart by node id, so each one takes its own name as its id.
    for item in items:
        if type(item).__name__ == "SchemathesisFunction" and item.nodeid.endswith(f"::{item.originalname}"):
            item._id = coerce_node_id(f"{item.nodeid.rsplit('::', 1)[0]}::{item.name}")
