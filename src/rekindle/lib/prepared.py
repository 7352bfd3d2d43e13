"""Querysets compiled to SQL once per process, then run with new values.

Building and compiling a Django queryset costs about twenty times the Python that running its
SQL does (0.5 ms against 0.03 ms for a lookup by id here). The queries asked on every visit
(the signed-in person, their couple, Today's cards) pay that each time. `prepared` builds such
a queryset once, with placeholder values, keeps its SQL, and on each call puts the real values
where the placeholders were and turns the rows into model instances the way Django does.

    @prepared
    def _latest_from_partner(viewer, couple):
        return Appreciation.objects.visible_to(viewer).filter(author=couple.partner)[:1]

    latest = _latest_from_partner.first(person)

Called with a viewer (a `Person`) first, the build gets a stand-in viewer and a stand-in of
their couple (`couple_for`), with placeholder ids for the person, the space and the partner:
`visible_to(viewer)` in a build is the one privacy rule of `spaces.selectors`, unchanged.
Every other argument that is an int, a date or a datetime becomes a placeholder of its type,
and a non-empty list of ints a placeholder per item (compiled once per length). None, a bool
or a string is passed as it is and shapes the SQL, which is compiled once for each
combination of those and of whether the viewer has a couple and a partner. Anything else (a
model instance) is refused: pass its id.

A build returns model instances (with `select_related` and annotations), or `values()` or
`values_list()` rows; not a prefetch.

A build may also return `Merged(arms, order, start, stop)`: querysets of one model and columns
whose rows, merged in `order` and sliced, are the page (each arm may read along its own index).

`Fixed(value)` passes an int as it is, for what is written into the SQL, such as a slice's
bound: `rows(person, Fixed(limit))` compiles once per limit. The viewer's space carries its
`member_left_at` (a placeholder when set), which some rules read.

A build may use its arguments only as values in the ORM (ids, dates to compare with): it runs
once, so anything else it read from them (a time zone, say) would be baked in. A placeholder
passed as a value that does not reach the SQL parameters fails the first call rather than run
the wrong SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import threading
from dataclasses import dataclass
from typing import Any, Callable

from django.conf import settings
from django.db import connections, router
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.utils.dateparse import parse_datetime

from rekindle.spaces.models import Person, Space

_FIRST_ID = 7_340_000_000_000  # placeholder ids: far beyond any real row's
_FIRST_YEAR = 1101  # placeholder dates: years nobody writes about


@dataclass(frozen=True)
class Fixed:
    """A value written into the SQL as it is (a slice's bound): one compiled query per value."""

    value: Any


@dataclass(frozen=True)
class Merged:
    """The rows of `arms` (querysets of one model and columns, no row in two of them) in `order`,
    rows `start` to `stop`: each arm's first `stop` rows, merged by the database. Where one OR
    across the arms makes the database sort every matching row to return a page, each arm here
    reads just a page along an index. Counted, it is the arms' OR."""

    arms: tuple
    order: tuple[str, ...]
    start: int
    stop: int


@dataclass(frozen=True)
class _Slot:
    index: int  # which SQL parameter
    name: str  # which value goes there
    adapt: Callable[[Any], Any]  # how Django turned the value into that parameter


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[_Slot, ...]
    compiler: Any
    db: str
    shape: type  # what a row becomes: ModelIterable or one of the values() iterables
    names: list[str]  # values(): the dict keys
    init_list: list[str]
    model_start: int
    model_end: int
    populators: list
    annotations: dict
    plain: bool  # the model can be built without __init__ (see _instance)
    converters: dict  # column position → how the backend and field turn its value into Python


_ROW_SHAPES = (ModelIterable, ValuesListIterable, FlatValuesListIterable, ValuesIterable)


class prepared:  # noqa: N801 — a decorator
    def __init__(self, build: Callable):
        self._build = build
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()
        self.__doc__ = build.__doc__
        self.__name__ = build.__name__

    def first(self, *args):
        found = self.rows(*args)
        return found[0] if found else None

    def attach(self, viewer, parents: list, *, key: str, to_attr: str) -> list:
        """What a `Prefetch(…, to_attr=…)` does: this query's rows for the parents' ids (the
        build's last argument), set on each parent as a list under `to_attr`, grouped by the rows'
        `key` (their parent's id). One query; none for no parents. Returns `parents`."""
        found: dict[int, list] = {}
        for row in self.rows(viewer, [parent.pk for parent in parents]) if parents else ():
            found.setdefault(getattr(row, key), []).append(row)
        for parent in parents:
            setattr(parent, to_attr, found.get(parent.pk, []))
        return parents

    def count(self, *args) -> int:
        """How many rows the query has (its SQL as a subquery of a COUNT)."""
        values, shape = _values_and_shape(args)
        compiled = self._compiled.get(("count", shape))
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(("count", shape)) or self._compile(args, counting=True)
                self._compiled[("count", shape)] = compiled
        with connections[compiled.db].cursor() as cursor:
            cursor.execute(compiled.sql, _params(compiled, values))
            return cursor.fetchone()[0]

    def rows(self, *args) -> list:
        values, shape = _values_and_shape(args)
        compiled = self._compiled.get(shape)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(shape) or self._compile(args)
                self._compiled[shape] = compiled
        return _run(compiled, values)

    def _compile(self, args, *, counting: bool = False) -> _Compiled:
        stand_ins, placeholders = _stand_ins(args)
        queryset = merged = self._build(*stand_ins)
        if isinstance(merged, Merged):
            queryset = functools.reduce(operator.or_, merged.arms) if counting else _arm(merged, merged.arms[0])
        else:
            merged = None
        if counting:
            queryset = queryset.order_by()
        if queryset._iterable_class not in _ROW_SHAPES or queryset._prefetch_related_lookups:
            raise TypeError(f"{self.__name__}: a prepared query returns model instances, values() or values_list(), with no prefetch")
        db = router.db_for_read(queryset.model)
        connection = connections[db]
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        if counting:
            sql = f"SELECT COUNT(*) FROM ({sql}) counted"
        elif merged is not None:
            sql, params = _merged_sql(merged, compiler, db)
        slots, found = [], set()
        for index, param in enumerate(params):
            for name, (placeholder, adapters) in placeholders.items():
                adapt = next((a for a in adapters(connection) if _equal(a(placeholder), param)), None)
                if adapt is not None:
                    slots.append(_Slot(index, name, adapt))
                    found.add(name)
                    break
        # The viewer's ids may go unused (a solo viewer's rule needs no space); a value passed
        # on purpose must reach the parameters, not be written into the SQL (a slice's bound).
        missing = {name for name in placeholders if name.startswith("v")} - found
        if missing:
            raise ValueError(f"{self.__name__}: placeholders {sorted(missing)} did not reach the SQL")
        query, shape = queryset.query, queryset._iterable_class
        names, init_list, start, end, populators, annotations, plain = [], [], 0, 0, [], {}, False
        if shape is ValuesIterable:  # the keys ValuesIterable gives
            names = list(query.selected or [*query.extra_select, *query.values_select, *query.annotation_select])
        elif shape is ModelIterable:
            klass_info = compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            init_list = [column[0].target.attname for column in compiler.select[start:end]]
            populators = get_related_populators(klass_info, compiler.select, db)
            annotations = dict(compiler.annotation_col_map or {})
            plain = _is_plain(klass_info["model"])
        columns = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise TypeError(f"{self.__name__}: a prepared query does not select composite fields")
        converters = _quick(compiler.get_converters(columns), connection)
        return _Compiled(sql, tuple(params), tuple(slots), compiler, db, shape, names, init_list, start, end,
                         populators, annotations, plain, converters)


def _arm(merged: Merged, queryset):
    return queryset.order_by(*merged.order)[: merged.stop]


def _merged_sql(merged: Merged, compiler, db: str) -> tuple[str, tuple]:
    """UNION ALL of each arm's first rows, ordered by the columns' positions (`compiler`, the
    first arm's, says where they are) and sliced."""
    selected = [column[0].target.attname if hasattr(column[0], "target") else None for column in compiler.select]
    meta, order = compiler.query.model._meta, []
    for key in merged.order:
        name = key.lstrip("-")
        position = selected.index(meta.pk.attname if name == "pk" else meta.get_field(name).attname) + 1
        order.append(f"{position} DESC" if key.startswith("-") else f"{position} ASC")
    parts, params = [], []
    for number, arm in enumerate(merged.arms):
        arm_sql, arm_params = _arm(merged, arm).query.get_compiler(using=db).as_sql()
        parts.append(f"SELECT * FROM ({arm_sql}) arm{number}")
        params += arm_params
    sql = f"{' UNION ALL '.join(parts)} ORDER BY {', '.join(order)} LIMIT {merged.stop - merged.start} OFFSET {merged.start}"
    return sql, tuple(params)


def _quick(converters: dict, connection) -> dict:
    """The converters, with SQLite's for datetimes swapped for one that gives the same values
    without looking up two settings for each value."""
    if connection.vendor != "sqlite" or not settings.USE_TZ or connection.timezone is not dt.timezone.utc:
        return converters
    slow = connection.ops.convert_datetimefield_value
    return {
        position: ([_utc_datetime if converter == slow else converter for converter in chain], expression)
        for position, (chain, expression) in converters.items()
    }


def _utc_datetime(value, expression, connection):
    """What the SQLite backend's converter gives with USE_TZ on and the database's time in UTC."""
    if value is not None:
        if not isinstance(value, dt.datetime):
            value = parse_datetime(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
    return value


def _equal(a, b) -> bool:
    return type(a) is type(b) and a == b


def _params(compiled: _Compiled, values: dict[str, Any]) -> list:
    params = list(compiled.params)
    for slot in compiled.slots:
        params[slot.index] = slot.adapt(values[slot.name])
    return params


def _run(compiled: _Compiled, values: dict[str, Any]) -> list:
    """What `ModelIterable` (or values(), values_list()) does, from the kept SQL and the new values."""
    with connections[compiled.db].cursor() as cursor:
        cursor.execute(compiled.sql, _params(compiled, values))
        fetched = cursor.fetchall()
    compiler = compiled.compiler
    # What `results_iter` does, with the converters found once at compile time.
    rows = compiler.apply_converters(fetched, compiled.converters) if compiled.converters else fetched
    if compiled.shape is not ModelIterable:
        if compiled.shape is FlatValuesListIterable:
            return [row[0] for row in rows]
        if compiled.shape is ValuesIterable:
            return [dict(zip(compiled.names, row)) for row in rows]
        return [tuple(row) for row in rows]
    model = compiler.klass_info["model"]
    objects = []
    for row in rows:
        values = row[compiled.model_start : compiled.model_end]
        if compiled.plain:
            obj = _instance(model, compiled.db, compiled.init_list, values)
        else:
            obj = model.from_db(compiled.db, compiled.init_list, values)
        for populator in compiled.populators:
            populator.populate(row, obj)
        for attr, position in compiled.annotations.items():
            setattr(obj, attr, row[position])
        objects.append(obj)
    return objects


def _is_plain(model) -> bool:
    """Whether `_instance` builds what `model.from_db` would: no signal listens to its creation,
    it keeps Django's `from_db`, and each field's attribute stores its value as it is."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return False
    if model.from_db.__func__ is not Model.from_db.__func__:
        return False
    for field in model._meta.concrete_fields:
        descriptor = type(model.__dict__.get(field.attname))
        # A foreign key's id and a file set themselves in __dict__ on a new instance; other
        # descriptors with a setter might do more.
        if hasattr(descriptor, "__set__") and descriptor.__name__ not in ("ForeignKeyDeferredAttribute", "FileDescriptor"):
            return False
    return True


def _instance(model, db: str, attnames: list[str], values) -> Model:
    """What `Model.from_db` gives, without `Model.__init__`'s loop over every field and its two
    signals (half of building a page's rows). A field not fetched stays deferred, as there."""
    obj = model.__new__(model)
    obj.__dict__.update(zip(attnames, values))
    state = obj._state = ModelState()
    state.adding, state.db = False, db
    return obj


def _values_and_shape(args) -> tuple[dict[str, Any], tuple]:
    """The real values by placeholder name, and what decides the SQL's form."""
    from rekindle.spaces.selectors import couple_for  # spaces.selectors prepares its own queries

    values: dict[str, Any] = {}
    shape: list = []
    for position, arg in enumerate(args):
        if position == 0 and isinstance(arg, Person):
            couple = couple_for(arg)
            values["me"] = arg.pk
            if couple is not None:
                values["space"] = couple.space.pk
                if couple.partner is not None:
                    values["partner"] = couple.partner.pk
                if couple.space.member_left_at is not None:
                    values["left_at"] = couple.space.member_left_at
            shape.append(
                "none" if couple is None else ("solo" if couple.partner is None else "pair",
                                               couple.space.member_left_at is not None)
            )
        elif isinstance(arg, Fixed):
            shape.append(("fixed", arg.value))
        elif _placeholder_kind(arg) is not None:
            values[f"v{position}"] = arg
            shape.append(_placeholder_kind(arg))
        elif _is_id_list(arg):
            values.update(zip(_id_names(position, len(arg)), arg))
            shape.append(("ids", len(arg)))
        elif arg is None or isinstance(arg, (bool, str)):
            shape.append(("as is", arg))
        else:  # a model instance, say: it would be compiled into the SQL once per object
            raise TypeError(f"a prepared query takes ids, dates, None, booleans and strings, not {type(arg).__name__}")
    return values, tuple(shape)


def _is_id_list(value) -> bool:
    """A non-empty list of ints: one placeholder each, compiled once per length (an empty one
    has no SQL: the caller knows there is nothing to ask for)."""
    if not isinstance(value, (list, tuple)) or not value:
        return False
    return all(v.__class__ is int for v in value) or all(_placeholder_kind(v) == "int" for v in value)


@functools.lru_cache(maxsize=512)
def _id_names(position: int, length: int) -> tuple[str, ...]:
    """The placeholder names of a list of ids: a page's are the same on every visit."""
    return tuple(f"v{position}.{i}" for i in range(length))


def _placeholder_kind(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int):
        return "int"
    return None


def _stand_ins(args) -> tuple[list, dict[str, tuple[Any, Callable]]]:
    """The build's arguments, and each placeholder with the adapters that may have turned it
    into an SQL parameter (as it is; or as the database backend adapts a date or datetime)."""
    from rekindle.spaces.selectors import Couple, couple_for, known_couple

    serial = itertools.count(1)
    placeholders: dict[str, tuple[Any, Callable]] = {}

    def an_id(name: str) -> int:
        value = _FIRST_ID + next(serial)
        placeholders[name] = (value, lambda connection: (_same,))
        return value

    def a_datetime(name: str) -> dt.datetime:
        value = dt.datetime(_FIRST_YEAR + next(serial), 1, 1, 1, 1, 1, tzinfo=dt.timezone.utc)
        placeholders[name] = (value, lambda connection: (_same, connection.ops.adapt_datetimefield_value))
        return value

    stand_ins: list = []
    for position, arg in enumerate(args):
        if isinstance(arg, Fixed):
            stand_ins.append(arg.value)
            continue
        if position == 0 and isinstance(arg, Person):
            viewer = Person(pk=an_id("me"))
            couple = couple_for(arg)
            stand_in = None
            if couple is not None:
                partner = Person(pk=an_id("partner")) if couple.partner is not None else None
                space = Space(pk=an_id("space"))
                if couple.space.member_left_at is not None:
                    space.member_left_at = a_datetime("left_at")
                stand_in = Couple(space=space, me=viewer, partner=partner)
            known_couple(viewer, stand_in)
            stand_ins += [viewer, stand_in]
            continue
        kind = _placeholder_kind(arg)
        name = f"v{position}"
        if _is_id_list(arg):
            stand_ins.append([an_id(f"{name}.{i}") for i in range(len(arg))])
        elif kind == "int":
            stand_ins.append(an_id(name))
        elif kind == "datetime":
            stand_ins.append(a_datetime(name))
        elif kind == "date":
            value = dt.date(_FIRST_YEAR + next(serial), 1, 1)
            placeholders[name] = (value, lambda connection: (_same, connection.ops.adapt_datefield_value))
            stand_ins.append(value)
        else:
            stand_ins.append(arg)
    return stand_ins, placeholders


def _same(value):
    return value



class Pages:
    """A prepared query as a `Paginator`'s object list: its count, and a page's rows.

    The build takes the slice's bounds last (`start`, `stop`) and slices with them; each page's
    bounds are compiled once.
    """

    def __init__(self, query: prepared, *args):
        self._query, self._args = query, args

    def count(self) -> int:
        return self._query.count(*self._args, Fixed(None), Fixed(None))

    def __getitem__(self, bounds: slice) -> list:
        if bounds.start == bounds.stop:
            return []  # an empty page (nothing yet): no SQL to ask
        return self._query.rows(*self._args, Fixed(bounds.start), Fixed(bounds.stop))
