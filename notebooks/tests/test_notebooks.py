"""Executes each notebook with papermill against a demo lake and checks what it shows and writes.

The lake: $HINDSIGHT_DEMO_LAKE (what `bin/hindsight demo --lake X` built; bin/test-python builds one when it is
not set), else ./lake when `bin/hindsight demo` made it. Executed notebooks go to $HINDSIGHT_NOTEBOOK_OUT (default:
a temp folder), so a failing cell can be read there.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1]
ROOT = NOTEBOOKS.parent
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-03-31"}  # the days bin/hindsight demo builds


@pytest.fixture(scope="session")
def lake() -> str:
    lake = os.environ.get("HINDSIGHT_DEMO_LAKE") or (str(ROOT / "lake") if (ROOT / "lake" / "findings").is_dir() else "")
    if not lake:
        pytest.fail("no demo lake: set HINDSIGHT_DEMO_LAKE to a lake `bin/hindsight demo --lake DIR` built")
    assert (Path(lake.removeprefix("file:")) / "findings" / "_delta_log").is_dir(), f"{lake} has no findings table"
    return lake


@pytest.fixture(scope="session")
def out_dir() -> Path:
    out = Path(os.environ.get("HINDSIGHT_NOTEBOOK_OUT") or tempfile.mkdtemp(prefix="hindsight-notebooks-"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def execute(name: str, out_dir: Path, tag: str = "", **parameters):
    """Runs notebooks/<name>.ipynb with the parameters; returns the executed notebook. A failing cell fails the test."""
    target = out_dir / f"{name}{tag}.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(target), parameters=parameters,
                               cwd=str(NOTEBOOKS), kernel_name="python3", progress_bar=False, log_output=False,
                               execution_timeout=900)
    executed = nbformat.read(target, as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    return executed


def pngs(executed) -> int:
    return sum(1 for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


def injected_parameters(executed) -> str:
    cells = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    return cells[0].source


def test_findings_explorer(lake, out_dir):
    work = out_dir / "findings_explorer"
    executed = execute("findings_explorer", out_dir, lake=lake, output_dir=str(work), **PERIOD)
    assert lake in injected_parameters(executed)
    assert pngs(executed) >= 4  # overview, score timeline, top credentials' timelines, activity
    summary = json.loads((work / "summary.json").read_text())
    assert summary["findings"] > 0
    top = summary["top"]
    assert top and [float(t["score"]) for t in top] == sorted((float(t["score"]) for t in top), reverse=True)
    assert summary["finding_id"] == top[0]["finding_id"]
    # every evidence id of the drilled finding is an event in the lake
    assert summary["evidence_ids"] > 0
    assert summary["evidence_found"] == summary["evidence_ids"]
    assert summary["credential"] == top[0]["credential_id"]
    assert summary["score_days"] > 0 and summary["max_score"] >= 50  # a finding is a day scoring >= 50
    assert summary["regions"] and summary["countries"]
    for png in ("findings_overview.png", "score_timeline.png", "activity.png"):
        assert (work / png).stat().st_size > 1000


def test_credential_investigation(lake, out_dir):
    work = out_dir / "credential_investigation"
    executed = execute("credential_investigation", out_dir, lake=lake, output_dir=str(work), **PERIOD)
    assert pngs(executed) >= 2  # baseline vs actual, actions in the window (and first-seen when there are any)
    summary = json.loads((work / "summary.json").read_text())
    assert summary["credential"]  # defaulted to the top finding's credential
    assert summary["findings"] >= 1 and summary["active_days"] > 0
    assert summary["window_events"] > 0
    # the events listed for the window are exactly those credential_daily counted for those days
    assert summary["window_events"] == summary["window_events_credential_daily"]


def test_auditor_sampling_is_reproducible_and_the_manifest_matches(lake, out_dir):
    first_dir, second_dir = out_dir / "sample-1", out_dir / "sample-2"
    first = execute("auditor_sampling", out_dir, "-1", lake=lake, output_dir=str(first_dir), size=150, seed=7, **PERIOD)
    assert pngs(first) >= 1  # the strata allocation
    manifest = json.loads((first_dir / "manifest.json").read_text())
    data = (first_dir / "sample.csv").read_bytes()
    assert manifest["export"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["seed"] == 7 and manifest["table"] == "events" and manifest["table_version"] >= 0
    sample = pd.read_csv(first_dir / "sample.csv", dtype=str, keep_default_na=False)
    strata = manifest["strata"]
    assert len(strata) > 1 and all(s["sampled"] >= 1 for s in strata)
    assert len(sample) == manifest["rows"] == 150 == sum(s["sampled"] for s in strata)
    assert (sample["source"] + ":" + sample["event_id"]).is_unique
    assert sample["event_date"].between(PERIOD["date_from"], PERIOD["date_to"]).all()
    # every stratum is represented, with the allocated number of rows
    # a missing value is an empty CSV cell; the manifest names its stratum <null>
    drawn = sample.replace({"account_id": {"": "<null>"}, "region": {"": "<null>"}}) \
        .groupby(["account_id", "region"]).size().to_dict()
    assert drawn == {(s["values"]["account_id"], s["values"]["region"]): s["sampled"] for s in strata}

    # a second run with the same seed, pinned to the manifest's version: byte-identical export and manifest
    second = execute("auditor_sampling", out_dir, "-2", lake=lake, output_dir=str(second_dir), size=150, seed=7,
                     as_of_version=manifest["table_version"], **PERIOD)
    assert pngs(second) >= 1
    assert (second_dir / "sample.csv").read_bytes() == data
    assert (second_dir / "manifest.json").read_text() == (first_dir / "manifest.json").read_text()
