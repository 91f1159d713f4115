"""Shared setup for the DAG tests: a private AIRFLOW_HOME (set before anything imports airflow) and paths."""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "airflow" / "dags"
PLUGINS = ROOT / "airflow" / "plugins"  # the DAG's timetable (a custom timetable must be registered by a plugin)

# Airflow reads its configuration when first imported: give this test process its own home and no examples.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="hindsight-airflow-home-")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(PLUGINS)
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")


@pytest.fixture(scope="session")
def cluster_jar() -> Path:
    """The shaded jar spark-submit runs (bin/test-python builds it; HINDSIGHT_JAR overrides)."""
    if os.environ.get("HINDSIGHT_JAR"):
        jar = Path(os.environ["HINDSIGHT_JAR"])
    else:
        jars = sorted(glob.glob(str(ROOT / "jobs" / "target" / "hindsight-jobs-*-cluster.jar")))
        if not jars:
            pytest.fail("no cluster jar: run mvn -B -q -DskipTests package (bin/test-python does)")
        jar = Path(jars[-1])
    assert jar.is_file(), jar
    return jar
