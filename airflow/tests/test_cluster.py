"""The cluster jar on a real multi-process Spark cluster: a standalone master and two workers on loopback.

`spark-submit --master spark://...` runs ingest, score and publish of a generated lake; the executors are separate
JVMs on the workers, so nothing reaches a task through the driver's memory or the driver's files by accident. The
tables must equal those of the same steps run with `--master local[2]`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HINDSIGHT = str(ROOT / "bin" / "hindsight")
DAYS = ("2026-02-01", "2026-02-03")
# The DAG's defaults (DEFAULT_DRIVER_JAVA_OPTIONS in hindsight_nightly.py), for the driver and the executors.
JAVA_OPTIONS = "-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# Columns a run writes about itself (its id): everything else must be equal.
RUN_COLUMNS = {"events": ["ingest_run_id"], "credential_daily": ["run_id"], "scores": ["run_id"],
               "findings": ["run_id"]}


def submit(master: str, jar: Path, *args: str) -> subprocess.CompletedProcess:
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPARK_HOME", "PYSPARK", "HINDSIGHT_"))}
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    cmd = [shutil.which("spark-submit", path=env["PATH"]), "--master", master, "--class", "dev.hindsight.cli.Hindsight",
           "--conf", f"spark.driver.extraJavaOptions={JAVA_OPTIONS}",
           "--conf", f"spark.executor.extraJavaOptions={JAVA_OPTIONS}",
           "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.ui.enabled=false",
           "--conf", "spark.executor.memory=1g",
           # Small lakes on a small cluster: Delta's 50 partitions per table-state job and Spark's 3 s wait for a
           # local slot make ~2,000 tasks of a 3-day score take minutes; the tables do not depend on either.
           "--conf", "spark.databricks.delta.snapshotPartitions=2", "--conf", "spark.locality.wait=0s",
           str(jar), *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)


def rows(lake: Path) -> dict[str, list[str]]:
    """Every row of the tables the steps write, as sorted JSON, without the columns that name the run."""
    query = " UNION ALL ".join(
        f"SELECT '{t}' AS t, to_json(struct(*)) AS j FROM (SELECT * EXCEPT ({', '.join(cols)}) FROM {t})"
        for t, cols in RUN_COLUMNS.items())
    out = subprocess.run([HINDSIGHT, "sql", "--lake", str(lake), "--format", "json", query], check=True,
                         capture_output=True, text=True, timeout=600).stdout
    tables: dict[str, list[str]] = {t: [] for t in RUN_COLUMNS}
    for line in out.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            tables[row["t"]].append(row["j"])
    return {t: sorted(v) for t, v in tables.items()}


def spark_masters(lake: Path) -> list[tuple[str, str, str]]:
    out = subprocess.run([HINDSIGHT, "sql", "--lake", str(lake), "--format", "json",
                          "SELECT command, status, spark_master FROM runs ORDER BY started_at"],
                         check=True, capture_output=True, text=True, timeout=600).stdout
    return [(r["command"], r["status"], r["spark_master"]) for r in map(json.loads, out.splitlines())
            if r]


def test_ingest_score_and_publish_on_a_standalone_cluster_write_the_tables_a_local_run_writes(
        spark_standalone, cluster_jar, tmp_path):
    logs = tmp_path / "logs"
    subprocess.run([HINDSIGHT, "generate", "--out", str(logs), "--start", DAYS[0], "--days", "3", "--seed", "11",
                    "--events-per-day", "200"], check=True, capture_output=True, timeout=600)
    # Three days hold no generated incident yet: one credential goes dark on day 2, so findings have rows too.
    y, m, d = "2026-02-02".split("-")
    source = sorted(logs.glob(f"AWSLogs/*/CloudTrail/*/{y}/{m}/{d}/*.json.gz"))[0]
    records = json.loads(gzip.decompress(source.read_bytes()))["Records"][:2]
    for i, (r, action) in enumerate(zip(records, ("StopLogging", "DeleteTrail"))):
        r.update(eventID=f"00000000-dark-4000-8000-00000000000{i}", eventName=action,
                 eventSource="cloudtrail.amazonaws.com", readOnly=False, eventTime=f"2026-02-02T12:0{i}:00Z")
    source.with_name(source.name.replace(".json.gz", "_dark.json.gz")).write_bytes(
        gzip.compress(json.dumps({"Records": records}).encode()))
    geo = Path(os.environ.get("HINDSIGHT_GEOIP_DIR", Path.home() / ".cache" / "hindsight" / "geoip"))
    assert (geo / "country.mmdb").is_file(), "run bin/fetch-geoip first"
    steps = [
        ["ingest", "--source", "cloudtrail", "--input", str(logs / "AWSLogs")],
        # GeoIP as file: URIs, the form a shared filesystem or s3a:// takes on a cluster
        ["score", "--from", DAYS[0], "--to", DAYS[1], "--geoip", (geo / "country.mmdb").as_uri(),
         "--asn", (geo / "asn-ipv4.csv").as_uri()],
        ["publish", "--from", DAYS[0], "--to", DAYS[1]],
    ]
    lakes = {}
    master_url = spark_standalone.url
    for master in (master_url, "local[2]"):
        lake = tmp_path / ("lake-cluster" if master.startswith("spark://") else "lake-local")
        for step in steps:
            r = submit(master, cluster_jar, *step, "--lake", str(lake))
            assert r.returncode == 0, f"{step[0]} on {master}: " + (r.stdout + r.stderr)[-5000:]
        lakes[master] = lake

    cluster, local = rows(lakes[master_url]), rows(lakes["local[2]"])
    assert all(cluster[t] for t in ("events", "credential_daily", "scores")), {t: len(v) for t, v in cluster.items()}
    assert any("logging_tampering" in f for f in cluster["findings"]), cluster["findings"]
    for table in RUN_COLUMNS:
        only_cluster = sorted(set(cluster[table]) - set(local[table]))[:3]
        only_local = sorted(set(local[table]) - set(cluster[table]))[:3]
        assert cluster[table] == local[table], f"{table}: cluster-only {only_cluster}, local-only {only_local}"

    # Every step ran against the standalone master, and its tasks ran in executors on both workers: each worker
    # holds an executor folder (app-*/<n>/) of every step's application.
    assert spark_masters(lakes[master_url]) == [
        ("ingest", "succeeded", master_url), ("score", "succeeded", master_url), ("publish", "succeeded", master_url)]
    for worker in spark_standalone.worker_dirs:
        executors = [d for d in worker.glob("app-*/*") if (d / "stderr").is_file()]
        assert len(executors) >= len(steps), (worker, executors)
