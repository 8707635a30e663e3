"""Log lines: every operation reads back as written; a bad line says what is wrong."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.sync.hlc import Stamp
from planner.domain.sync.ops import (
    FIELDS_SINCE,
    OP_NAMES,
    OP_VERSION,
    RECORD_KINDS,
    Op,
    OpFormatError,
    decode_op,
    encode_op,
)

stamps = st.builds(
    Stamp,
    st.integers(0, 10**13 - 1),
    st.integers(0, 999_999),
    st.text(alphabet="0123456789abcdef", min_size=1, max_size=12),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def ops(draw: st.DrawFn) -> Op:
    name = draw(st.sampled_from(OP_NAMES))
    field = None if name in ("create", "delete") else draw(st.text(min_size=1, max_size=12))
    return Op(
        stamp=draw(stamps),
        seq=draw(st.integers(1, 10**9)),
        kind=draw(st.sampled_from(RECORD_KINDS)),  # type: ignore[arg-type]
        record=draw(st.text(min_size=1, max_size=12)),
        op=name,  # type: ignore[arg-type]
        field=field,
        value=None if name == "delete" else draw(json_values),
        replaces=draw(st.none() | stamps),
        base=draw(st.none() | st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
    )


@given(ops())
def test_every_operation_reads_back_as_written(op: Op) -> None:
    """As written: in the version that carries it, and a creation's document with the
    fields of a later version it lacks as null (``FIELDS_SINCE``)."""
    line = encode_op(op)
    assert "\n" not in line
    decoded = decode_op(line)
    assert encode_op(decoded) == line
    expected = replace(op, version=op.wire_version())
    since = FIELDS_SINCE.get(op.kind, {})
    if op.op == "create" and isinstance(op.value, dict) and since:
        expected = replace(expected, value={**dict.fromkeys(since), **op.value})
    assert decoded == expected


def test_only_what_carries_a_later_field_is_written_in_its_version() -> None:
    at = Stamp(1_000, 0, "ab")
    plain = {"id": "x", "title": "t", **dict.fromkeys(FIELDS_SINCE["task"])}
    create = Op(at, 1, "task", "x", "create", value=plain)
    line = json.loads(encode_op(create))
    assert line["v"] == 1 and line["value"] == {"id": "x", "title": "t"}
    assert decode_op(encode_op(create)).value == plain
    estimated = Op(at, 2, "task", "x", "create", value={**plain, "estimate": 30})
    assert json.loads(encode_op(estimated))["v"] == 2
    cleared = Op(at, 3, "task", "x", "set", field="estimate", value=None)
    assert json.loads(encode_op(cleared))["v"] == 2
    folded = Op(at, 4, "task", "x", "create", value=plain, fields={"estimate": at})
    line = json.loads(encode_op(folded))
    assert line["v"] == 2 and "estimate" in line["value"]  # a later clearing set, kept
    asked = Op(at, 5, "task", "x", "set", field="extension_to", value="2026-12-04")
    assert json.loads(encode_op(asked))["v"] == 2
    other = Op(at, 5, "journal", "y", "set", field="estimate", value=1)
    assert json.loads(encode_op(other))["v"] == 1
    assert OP_VERSION == 2 and decode_op(encode_op(estimated)).understood


def test_a_newer_operation_is_kept_verbatim_not_dropped() -> None:
    line = json.dumps(
        {"v": OP_VERSION + 1, "at": "0000000001000.000000.ab", "seq": 3, "colour": "blue"}
    )
    op = decode_op(line)
    assert not op.understood
    assert op.seq == 3
    assert json.loads(encode_op(op)) == json.loads(line)


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("{", "line"),
        ("[1]", "line"),
        ('{"v": 0}', "v"),
        ('{"v": 1, "at": "x"}', "at"),
        ('{"v": 1, "at": "0000000001000.000000.ab", "seq": 0}', "seq"),
        ('{"v": 1, "at": "0000000001000.000000.ab", "seq": 1, "kind": "cat"}', "kind"),
        ('{"v": 1, "at": "0000000001000.000000.ab", "seq": 1, "kind": "task", "id": ""}', "id"),
        (
            '{"v": 1, "at": "0000000001000.000000.ab", "seq": 1, "kind": "task", "id": "x",'
            ' "op": "set", "value": 1}',
            "field",
        ),
        (
            '{"v": 1, "at": "0000000001000.000000.ab", "seq": 1, "kind": "task", "id": "x",'
            ' "op": "set", "field": "title"}',
            "value",
        ),
    ],
)
def test_a_bad_line_says_which_part_is_wrong(line: str, where: str) -> None:
    with pytest.raises(OpFormatError) as raised:
        decode_op(line)
    assert raised.value.where == where


@given(st.text())
def test_no_text_makes_the_decoder_fail_any_other_way(line: str) -> None:
    with contextlib.suppress(OpFormatError):
        decode_op(line)
