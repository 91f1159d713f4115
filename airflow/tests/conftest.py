"""Shared setup for the DAG tests: a private AIRFLOW_HOME (set before anything imports airflow) and paths."""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path
from typing import NamedTuple

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


class Standalone(NamedTuple):
    """A running standalone cluster: its master URL and its workers' work folders (one app-*/ per executor)."""
    url: str
    worker_dirs: list


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def spark_standalone(tmp_path_factory):
    """A real Spark standalone cluster on loopback: a master and two workers (1 core each), separate JVMs started
    with pyspark's distribution (``spark-class``, the Spark 4.1.0 the venv pins). Yields the master URL.

    Yields (master URL, the workers' work folders). ``HINDSIGHT_SPARK_MASTER`` (a ``spark://`` URL) uses a
    cluster started elsewhere instead (its work folders unknown: an empty list).
    """
    import json
    import subprocess
    import time
    import urllib.request

    if os.environ.get("HINDSIGHT_SPARK_MASTER"):
        yield Standalone(os.environ["HINDSIGHT_SPARK_MASTER"], [])
        return
    import pyspark

    home = Path(pyspark.__file__).parent
    spark_class = home / "bin" / "spark-class"
    assert spark_class.is_file(), f"pyspark's distribution has no bin/spark-class: {home}"
    work = tmp_path_factory.mktemp("spark-standalone")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPARK_", "PYSPARK"))}
    env.update({"SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_DAEMON_MEMORY": "512m",
                "SPARK_LOG_DIR": str(work / "logs"), "SPARK_NO_DAEMONIZE": "1"})
    port, ui = _free_port(), _free_port()
    master_url = f"spark://127.0.0.1:{port}"
    procs = []

    def start(name: str, *args: str) -> None:
        log = open(work / f"{name}.log", "w")
        procs.append((name, subprocess.Popen([str(spark_class), *args], env=env, stdout=log,
                                             stderr=subprocess.STDOUT, cwd=work)))

    def alive_workers() -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=5) as r:
                state = json.loads(r.read())
            return sum(1 for w in state.get("workers", []) if w.get("state") == "ALIVE")
        except OSError:
            return -1

    try:
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
              "--webui-port", str(ui))
        for i in (1, 2):
            start(f"worker{i}", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                  "--memory", "2g", "--webui-port", str(_free_port()), "--work-dir", str(work / f"worker{i}"),
                  master_url)
        deadline = time.monotonic() + 180
        while alive_workers() < 2:
            for name, p in procs:
                if p.poll() is not None:
                    pytest.fail(f"the standalone {name} exited {p.returncode}: "
                                + (work / f"{name}.log").read_text()[-3000:])
            if time.monotonic() > deadline:
                pytest.fail("the standalone cluster did not get 2 live workers in 180 s: "
                            + (work / "master.log").read_text()[-3000:])
            time.sleep(1)
        yield Standalone(master_url, [work / "worker1", work / "worker2"])
    finally:
        for _, p in procs[::-1]:
            p.terminate()
        for _, p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
