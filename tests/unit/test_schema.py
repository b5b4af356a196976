"""One definition of a pack's columns: the file spec, the model's fields and the build agree."""

from __future__ import annotations

from dataclasses import fields

from aiindex_tui.pack.model import Note, Observation, ObservationColumns
from aiindex_tui.pack.schema import SPEC_BY_FILE
from packbuild.build import NOTE_COLUMNS, OBSERVATION_COLUMNS


def test_every_observation_column_is_a_field_of_the_model_and_the_build_writes_them_all():
    file_columns = set(SPEC_BY_FILE["observations.csv"].columns)
    # The figure a value belongs to is held by its Figure; "written" keeps the value's text.
    assert file_columns - {"figure_id"} == {f.name for f in fields(ObservationColumns)} - {"written"}
    assert file_columns == {f.name for f in fields(Observation)} - {"decimals"}
    assert OBSERVATION_COLUMNS == list(SPEC_BY_FILE["observations.csv"].columns)


def test_every_note_column_is_a_field_of_the_model_and_the_build_writes_them_all():
    assert set(SPEC_BY_FILE["notes.csv"].columns) == {f.name for f in fields(Note)}
    assert NOTE_COLUMNS == list(SPEC_BY_FILE["notes.csv"].columns)


def test_a_written_order_must_name_the_specs_columns():
    import pytest

    from aiindex_tui.pack.schema import TableSpec

    with pytest.raises(ValueError):
        TableSpec("x.csv", None, ("a",), ("b",), order=("a", "c"))
