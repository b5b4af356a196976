"""The parsed-pack cache: used when sound, ignored and rebuilt when not, never in the pack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.pack import cache as packcache
from aiindex_tui.pack.loader import PackError, load_pack
from tests.support.packs import edit_file


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("AIINDEX_TUI_CACHE_DIR", str(directory))
    return directory


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"*{packcache.SUFFIX}"))


def test_a_cached_pack_equals_the_parsed_one(cache_dir, pack_copy):
    parsed = load_pack(pack_copy)
    assert len(entries(cache_dir)) == 1
    cached = load_pack(pack_copy)
    assert cached == parsed
    assert [f.observations for f in cached.figures] == [f.observations for f in parsed.figures]
    assert [(f.notes, f.derived_shares) for f in cached.figures] == [(f.notes, f.derived_shares) for f in parsed.figures]
    assert cached.sources == parsed.sources


def test_the_cache_lives_outside_the_pack(cache_dir, pack_copy):
    before = sorted(p.name for p in pack_copy.iterdir())
    load_pack(pack_copy)
    load_pack(pack_copy)
    assert sorted(p.name for p in pack_copy.iterdir()) == before
    assert entries(cache_dir)


def test_an_edited_pack_is_parsed_again(cache_dir, pack_copy):
    load_pack(pack_copy)
    edit_file(pack_copy, "observations.csv", lambda t: t.replace(",US,2021,64,", ",US,2021,65,"))
    edited = load_pack(pack_copy)
    values = {o.observation_id: o.value for f in edited.figures for o in f.observations}
    assert 65.0 in values.values()
    assert len(entries(cache_dir)) == 2


def test_an_edit_that_breaks_the_pack_is_reported_despite_an_older_cache(cache_dir, pack_copy):
    load_pack(pack_copy)
    edit_file(pack_copy, "observations.csv", lambda t: t.replace(",US,2021,64,", ",US,2021,x64,"))
    with pytest.raises(PackError):
        load_pack(pack_copy)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw.replace(b'"China"', b'"Chinx"', 1),  # body changed under its digest
        lambda raw: b"not json\n" + raw.partition(b"\n")[2],
        lambda raw: b"",
    ],
    ids=["truncated", "tampered", "bad-header", "empty"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir, pack_copy, damage):
    parsed = load_pack(pack_copy)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_pack(pack_copy) == parsed
    assert packcache.read(entry.name.removesuffix(packcache.SUFFIX), directory=pack_copy, bundled=False) == parsed


def test_a_well_formed_entry_of_the_wrong_shape_is_ignored(cache_dir, pack_copy):
    parsed = load_pack(pack_copy)
    (entry,) = entries(cache_dir)
    key = entry.name.removesuffix(packcache.SUFFIX)
    body = json.dumps({"title": 1}).encode()
    import hashlib

    header = json.dumps({"format": packcache.CACHE_FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
    entry.write_bytes(header.encode() + b"\n" + body)
    assert packcache.read(key, directory=pack_copy, bundled=False) is None
    assert load_pack(pack_copy) == parsed


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path, pack_copy):
    monkeypatch.setenv("AIINDEX_TUI_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    load_pack(pack_copy)
    assert packcache.cache_dir() is None
    assert not list(tmp_path.rglob(f"*{packcache.SUFFIX}"))


def test_an_unwritable_cache_directory_does_not_stop_loading(monkeypatch, tmp_path, pack_copy):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AIINDEX_TUI_CACHE_DIR", str(blocker / "cache"))
    assert load_pack(pack_copy).sections


def test_old_entries_are_pruned(cache_dir, pack_copy):
    original = (pack_copy / "pack.csv").read_text(encoding="utf-8")
    for number in range(packcache.KEEP_ENTRIES + 3):
        edited = original.replace("AI Index 2026", f"AI Index 2026 ({number})", 1)
        (pack_copy / "pack.csv").write_text(edited, encoding="utf-8")
        load_pack(pack_copy)
    assert len(entries(cache_dir)) == packcache.KEEP_ENTRIES


def test_a_warm_start_imports_neither_pandas_nor_the_parser(cache_dir):
    load_pack()  # fills the cache
    code = (
        "import sys; from aiindex_tui.pack.loader import load_pack; import aiindex_tui.ui.app;"
        "load_pack(); print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy')"
        " or m == 'aiindex_tui.pack.parser'))"
    )
    env = {**os.environ, "AIINDEX_TUI_CACHE_DIR": str(cache_dir)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == "[]"


LOAD_ASIDE = """
import json, sys
from pathlib import Path
import os
from aiindex_tui.pack.loader import PackError, start_loading
if "no-fork" in sys.argv:
    def refuse():
        raise BlockingIOError("no process to spare")
    os.fork = refuse
loading = start_loading(Path(sys.argv[1]))
try:
    pack = loading.result()
    outcome = {"figures": [f.figure_id for f in pack.figures], "values": sum(len(f.values) for f in pack.figures)}
except PackError as error:
    outcome = {"problems": [str(problem) for problem in error.problems]}
outcome["parsed here"] = "aiindex_tui.pack.parser" in sys.modules
outcome["pandas here"] = "pandas" in sys.modules
print(json.dumps(outcome))
"""


def load_aside(directory: Path, cache_dir: Path, *options: str) -> dict:
    env = {**os.environ, "AIINDEX_TUI_CACHE_DIR": str(cache_dir)}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_ASIDE, str(directory), *options],
        capture_output=True, text=True, check=True, env=env, timeout=60,
    )
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_a_cold_start_parses_in_a_second_process_and_fills_the_cache(cache_dir, pack_copy):
    outcome = load_aside(pack_copy, cache_dir)
    assert outcome["parsed here"] is False  # the other process parsed it
    parsed = load_pack(pack_copy, use_cache=False)
    assert outcome["figures"] == [f.figure_id for f in parsed.figures]
    assert outcome["values"] == sum(len(f.values) for f in parsed.figures)
    (entry,) = entries(cache_dir)
    assert packcache.read(entry.name.removesuffix(packcache.SUFFIX), directory=pack_copy, bundled=False) == parsed


def test_a_bad_pack_loaded_aside_reports_every_problem_as_a_load_here_would(cache_dir, pack_copy):
    edit_file(pack_copy, "observations.csv", lambda t: t.replace(",US,2021,64,", ",US,2021,x64,"))
    (pack_copy / "figures.csv").write_bytes(b"\xff\xfe broken")
    outcome = load_aside(pack_copy, cache_dir)
    with pytest.raises(PackError) as raised:
        load_pack(pack_copy)
    assert outcome["problems"] == [str(problem) for problem in raised.value.problems]
    assert any("figures.csv:1: not valid UTF-8" in problem for problem in outcome["problems"])
    assert any("'x64' is not a number" in problem for problem in outcome["problems"])
    assert not entries(cache_dir)


def test_without_a_second_process_the_pack_is_parsed_in_the_first(cache_dir, pack_copy):
    outcome = load_aside(pack_copy, cache_dir, "no-fork")
    assert outcome["parsed here"] is True
    assert outcome["pandas here"] is False  # a pack of ordinary size is parsed without it
    assert outcome["values"] == sum(len(f.values) for f in load_pack(pack_copy, use_cache=False).figures)


def test_loading_started_in_a_process_that_parsed_before_gives_the_same_pack(cache_dir, pack_copy):
    from aiindex_tui.pack.loader import start_loading

    assert start_loading(pack_copy).result() == load_pack(pack_copy, use_cache=False)
    assert start_loading(pack_copy).result() == load_pack(pack_copy)  # now from the cache


def rewrite_entry(entry: Path, change) -> None:
    """Apply ``change`` to the entry's decoded body and store it under a fresh digest."""
    import hashlib

    header, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    change(data)
    body = json.dumps(data).encode()
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["records"][0]["rows"][0]["cells"].__setitem__(0, 10**6),
        lambda data: data["records"][0]["rows"][0]["cells"].__setitem__(0, -1),
        lambda data: data["records"][0]["rows"][0]["cells"].__setitem__(0, True),
        lambda data: data["records"][0]["observation_ids"]["cells"].__setitem__(0, 0),
        lambda data: data["records"][0]["source_ids"]["cells"].pop(),
    ],
    ids=["index-past-the-end", "negative-index", "true-as-index", "not-a-list", "short-column"],
)
def test_a_coded_column_that_does_not_decode_is_ignored(cache_dir, pack_copy, change):
    parsed = load_pack(pack_copy)
    (entry,) = entries(cache_dir)
    rewrite_entry(entry, change)
    assert packcache.read(entry.name.removesuffix(packcache.SUFFIX), directory=pack_copy, bundled=False) is None
    assert load_pack(pack_copy) == parsed


def test_a_cached_pack_holds_each_repeated_string_once(cache_dir, pack_copy):
    load_pack(pack_copy)
    cached = load_pack(pack_copy)
    records = cached.records["notable-models"]
    country = records.columns.index("country")
    cells = [row[country] for row in records.rows]
    assert len(set(cells)) < len(cells)  # a column of repeated names
    assert len({id(cell) for cell in cells}) == len(set(cells))
    for figure in cached.figures:
        periods = figure.values.period
        assert len({id(period) for period in periods}) == len(set(periods))
