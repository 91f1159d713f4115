"""The hindsight_nightly DAG: its shape (DagBag), and real runs with `airflow dags test` -> spark-submit -> Delta.

The end-to-end tests run the real tools: Airflow 3 (`airflow dags test` runs the DAG's tasks one after another
in this machine's processes, against a fresh SQLite metadata database), the apache-spark provider's
SparkSubmitOperator, pyspark's `spark-submit` with the project's cluster jar on `local[2]`, and Delta tables
checked through `bin/hindsight sql`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import DAGS, ROOT

DAG_ID = "hindsight_nightly"
DATE = "2026-01-02"  # a generated day: the generator writes 2026-01-01..2026-01-03
HINDSIGHT = str(ROOT / "bin" / "hindsight")


def load_dagbag(monkeypatch, **env):
    for key in [k for k in os.environ if k.startswith(("AIRFLOW_VAR_HINDSIGHT", "HINDSIGHT_"))]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    return bag.dags[DAG_ID]


# ---------------------------------------------------------------------------------------------- DAG shape


def spark_tasks(dag):
    return [t for t in dag.tasks if t.task_id != "notify_configured"]


def test_dag_shape(monkeypatch):
    dag = load_dagbag(monkeypatch)
    assert {t.task_id for t in dag.tasks} == {"ingest_cloudtrail", "score", "publish", "notify_configured", "notify"}
    assert dag.get_task("score").upstream_task_ids == {"ingest_cloudtrail"}
    assert dag.get_task("publish").upstream_task_ids == {"score"}
    assert dag.get_task("notify_configured").upstream_task_ids == {"publish"}
    assert dag.get_task("notify").upstream_task_ids == {"notify_configured"}
    assert type(dag.get_task("notify_configured")).__name__ == "ShortCircuitOperator"
    assert dag.max_active_runs == 1
    assert dag.catchup is True
    assert dag.start_date.strftime("%Y-%m-%d") == "2026-01-01"
    for task in dag.tasks:
        assert task.retries > 0, task.task_id
        assert task.retry_exponential_backoff, task.task_id
    for task in spark_tasks(dag):
        assert type(task).__name__ == "SparkSubmitOperator"
        assert task._conn_id == "spark_default"
        assert task._java_class == "dev.hindsight.cli.Hindsight"
    # Scoring day D needs day D-1's credential_daily: score and publish wait for the previous day's.
    assert dag.get_task("score").depends_on_past and dag.get_task("publish").depends_on_past
    assert not dag.get_task("ingest_cloudtrail").depends_on_past


def test_dag_arguments_are_templates_for_the_logical_date(monkeypatch):
    dag = load_dagbag(monkeypatch)
    ingest = dag.get_task("ingest_cloudtrail").application_args
    assert ingest[:4] == ["ingest", "--source", "cloudtrail", "--input"]
    assert ingest[5:9] == ["--from", "{{ ds }}", "--to", "{{ ds }}"]
    assert ingest[9] == "--lake" and "var.value.get('hindsight_lake'" in ingest[10]
    assert dag.get_task("score").application_args[:5] == ["score", "--from", "{{ ds }}", "--to", "{{ ds }}"]
    assert dag.get_task("publish").application_args[:5] == ["publish", "--from", "{{ ds }}", "--to", "{{ ds }}"]


def test_notify_reads_the_url_from_the_environment_and_runs_only_when_the_variable_is_set(monkeypatch):
    dag = load_dagbag(monkeypatch)
    notify = dag.get_task("notify")
    args = notify.application_args
    assert args[:2] == ["notify", "--since-last-run"]
    # the URL never is an argument (argument lists are logged and visible in ps): only the variable's name is
    assert args[2] == "--{{ var.value.get('hindsight_notify_target', 'webhook') }}-env"
    assert args[3] == "HINDSIGHT_WEBHOOK_URL"
    assert args[4] == "--min-score" and "hindsight_notify_min_score" in args[5]
    assert args[6] == "--lake" and "var.value.get('hindsight_lake'" in args[7]
    assert notify.env_vars == {"HINDSIGHT_WEBHOOK_URL": "{{ var.value.get('hindsight_notify_webhook_url', '') }}"}
    assert "webhook" in notify.conf["spark.redaction.regex"]
    assert not notify.depends_on_past

    # The short circuit, called as the task would call it: no Variable -> False (notify skipped), set -> True.
    from airflow.sdk._shared.secrets_masker import should_hide_value_for_key

    assert should_hide_value_for_key("hindsight_notify_webhook_url"), "Airflow masks the Variable by its name"
    assert should_hide_value_for_key("HINDSIGHT_WEBHOOK_URL"), "and the env_vars entry in rendered fields"
    check = dag.get_task("notify_configured").python_callable
    monkeypatch.delenv("AIRFLOW_VAR_HINDSIGHT_NOTIFY_WEBHOOK_URL", raising=False)
    assert check() is False
    monkeypatch.setenv("AIRFLOW_VAR_HINDSIGHT_NOTIFY_WEBHOOK_URL", "   ")
    assert check() is False
    monkeypatch.setenv("AIRFLOW_VAR_HINDSIGHT_NOTIFY_WEBHOOK_URL", "https://hooks.example.com/services/T0/B0/secret")
    assert check() is True


def test_sources_conn_and_start_date_come_from_variables(monkeypatch):
    dag = load_dagbag(monkeypatch,
                      AIRFLOW_VAR_HINDSIGHT_SOURCES="cloudtrail, azure-activity",
                      AIRFLOW_VAR_HINDSIGHT_SPARK_CONN="spark_yarn",
                      HINDSIGHT_START_DATE="2025-10-01",
                      AIRFLOW_VAR_HINDSIGHT_RETRIES="5")
    ingests = {t.task_id for t in dag.tasks if t.task_id.startswith("ingest_")}
    assert ingests == {"ingest_cloudtrail", "ingest_azure-activity"}
    assert dag.get_task("score").upstream_task_ids == ingests
    assert dag.get_task("ingest_azure-activity").application_args[2] == "azure-activity"
    assert "hindsight_input_azure_activity" in dag.get_task("ingest_azure-activity").application_args[4]
    assert all(t._conn_id == "spark_yarn" and t.retries == 5 for t in spark_tasks(dag))
    assert dag.get_task("notify_configured").retries == 5
    assert dag.start_date.strftime("%Y-%m-%d") == "2025-10-01"


def test_a_bad_source_name_is_an_import_error(monkeypatch):
    for key in [k for k in os.environ if k.startswith(("AIRFLOW_VAR_HINDSIGHT", "HINDSIGHT_"))]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AIRFLOW_VAR_HINDSIGHT_SOURCES", "cloudtrail,--reprocess")
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert DAG_ID not in bag.dags
    assert any("--reprocess" in str(err) for err in bag.import_errors.values())


# ---------------------------------------------------------------------------------------------- end to end


def sql(lake: Path, query: str) -> list[dict]:
    out = subprocess.run([HINDSIGHT, "sql", "--lake", str(lake), "--format", "json", query],
                         check=True, capture_output=True, text=True, timeout=600).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def generated_day(logs: Path, day: str) -> tuple[set[str], Counter]:
    """Distinct eventIDs in the CloudTrail files delivered under `day`'s folders, and their count by event date."""
    y, m, d = day.split("-")
    ids: dict[str, str] = {}
    files = list(logs.glob(f"AWSLogs/*/CloudTrail/*/{y}/{m}/{d}/*.json.gz"))
    assert files, "the generator wrote no files for " + day
    for f in files:
        for record in json.loads(gzip.decompress(f.read_bytes()))["Records"]:
            ids[record["eventID"]] = record["eventTime"][:10]
    return set(ids), Counter(ids.values())


def tables(lake: Path) -> dict:
    """Counts for DATE and every run, in one `bin/hindsight sql` call (each call starts a JVM)."""
    row = sql(lake, f"""SELECT
        (SELECT count(*) FROM events) AS events,
        (SELECT count(DISTINCT source, event_id) FROM events) AS distinct_events,
        (SELECT count(*) FROM events WHERE event_date = DATE'{DATE}') AS events_on_date,
        (SELECT count(*) FROM quarantine) AS quarantined,
        (SELECT count(*) FROM scores WHERE event_date = DATE'{DATE}') AS scores_on_date,
        (SELECT count(DISTINCT credential_id, region) FROM scores WHERE event_date = DATE'{DATE}') AS scored_keys,
        (SELECT count(*) FROM credential_daily WHERE event_date = DATE'{DATE}') AS daily_on_date,
        (SELECT count(*) FROM findings) AS findings,
        (SELECT to_json(array_sort(collect_list(struct(started_at, run_id, command, status,
                CAST(date_from AS STRING) AS date_from, CAST(date_to AS STRING) AS date_to, spark_master))))
         FROM runs) AS runs""")[0]
    row["runs"] = json.loads(row["runs"])
    return row


@pytest.fixture(scope="module")
def airflow_run(tmp_path_factory, cluster_jar):
    """A fresh Airflow home and lake, 3 generated days, and a function that runs `airflow dags test`."""
    work = tmp_path_factory.mktemp("dag-e2e")
    logs, lake, home = work / "logs", work / "lake", work / "airflow-home"
    home.mkdir()
    subprocess.run([HINDSIGHT, "generate", "--out", str(logs), "--start", "2026-01-01", "--days", "3",
                    "--seed", "7", "--events-per-day", "300"], check=True, capture_output=True, timeout=600)
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AIRFLOW", "HINDSIGHT_", "SPARK_HOME", "PYSPARK"))}
    env.update({
        "PATH": venv_bin + os.pathsep + env.get("PATH", ""),  # the venv's spark-submit (pyspark 4.1.0)
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "AIRFLOW_CONN_SPARK_DEFAULT": "spark://local%5B2%5D",
        "AIRFLOW_VAR_HINDSIGHT_LAKE": str(lake),
        "AIRFLOW_VAR_HINDSIGHT_INPUT": str(logs / "AWSLogs"),
        "AIRFLOW_VAR_HINDSIGHT_JAR": str(cluster_jar),
        "AIRFLOW_VAR_HINDSIGHT_SHUFFLE_PARTITIONS": "4",
        # A failure must show at once, not after back-off retries.
        "AIRFLOW_VAR_HINDSIGHT_RETRIES": "0",
    })
    migrate = subprocess.run([shutil.which("airflow", path=env["PATH"]), "db", "migrate"], env=env,
                             capture_output=True, text=True, timeout=600)
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]

    def dags_test(date: str, **extra_env) -> subprocess.CompletedProcess:
        result = subprocess.run([shutil.which("airflow", path=env["PATH"]), "dags", "test", DAG_ID, date],
                                env={**env, **extra_env}, capture_output=True, text=True, timeout=1800)
        (work / f"dags-test-{date}-{len(list(work.glob('dags-test-*')))}.log").write_text(result.stdout + result.stderr)
        return result

    return {"logs": logs, "lake": lake, "dags_test": dags_test, "work": work}


def test_nightly_run_ingests_scores_and_publishes_the_day_and_a_rerun_duplicates_nothing(airflow_run):
    lake, logs = airflow_run["lake"], airflow_run["logs"]
    ids, by_date = generated_day(logs, DATE)

    first = airflow_run["dags_test"](DATE)
    out = first.stdout + first.stderr
    assert first.returncode == 0, out[-5000:]
    assert "state=success" in out, out[-5000:]
    for task in ("ingest_cloudtrail", "score", "publish"):
        assert f"[DAG TEST] end task task_id={task}" in out

    after_first = tables(lake)
    first_runs = after_first.pop("runs")
    # Every generated record of the day's delivery folders is an event, each held once (the generator writes
    # duplicate deliveries); events keep their own date, so late deliveries land on the day before.
    assert after_first["quarantined"] == 0
    assert after_first["events"] == after_first["distinct_events"] == len(ids)
    assert after_first["events_on_date"] == by_date[DATE] > 0
    assert after_first["scores_on_date"] > 0
    assert after_first["scores_on_date"] == after_first["scored_keys"] == after_first["daily_on_date"]

    assert [(r["command"], r["status"], r["date_from"], r["date_to"]) for r in first_runs] == [
        ("ingest", "succeeded", DATE, DATE), ("score", "succeeded", DATE, DATE), ("publish", "succeeded", DATE, DATE)]
    assert all(r["spark_master"] == "local[2]" for r in first_runs), first_runs

    # The same logical date again (a manual rerun or a retry): nothing is duplicated, every step succeeds.
    second = airflow_run["dags_test"](DATE)
    assert second.returncode == 0, (second.stdout + second.stderr)[-5000:]
    assert "state=success" in second.stdout + second.stderr
    after_second = tables(lake)
    second_runs = after_second.pop("runs")
    assert after_second == after_first
    assert len(second_runs) == 6
    # ingest finds every file of the day in ingest_files already and reads nothing (status noop)
    assert [(r["command"], r["status"]) for r in second_runs[3:]] == [
        ("ingest", "noop"), ("score", "succeeded"), ("publish", "succeeded")]


def test_a_failing_job_fails_its_task_and_stops_the_run(airflow_run, tmp_path):
    # An input that does not exist: hindsight ingest exits 1, so spark-submit exits 1 and the task fails.
    result = airflow_run["dags_test"]("2026-01-03", AIRFLOW_VAR_HINDSIGHT_INPUT=str(tmp_path / "no-such-input"),
                                      AIRFLOW_VAR_HINDSIGHT_LAKE=str(tmp_path / "lake"))
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-5000:]
    assert "does not exist" in out, out[-5000:]
    assert "Error code is: 1" in out, out[-5000:]
    assert "new_state=failed" in out
    finished = [line for line in out.splitlines() if "DagRun Finished" in line]
    assert finished and "state=failed" in finished[-1]
    # score and publish never ran
    assert "task_id=score" not in out.split("new_state=failed")[0]
    assert "hindsight-score-20260103" not in out and "hindsight-publish-20260103" not in out
