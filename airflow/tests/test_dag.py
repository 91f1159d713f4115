"""The hindsight_nightly DAG: its shape (DagBag), its schedule, and real runs with `airflow dags test`.

The schedule is checked with the scheduler's own code on the serialized DAG (the DAG file's timetable only
describes it; in Airflow 3 the scheduler computes runs from the deserialized one):
`DagModel.calculate_dagrun_date_fields` -> `SerializedDAG.next_dagrun_info` -> the timetable, and
`Timetable.next_run_info_from_dag_model` for the run it creates. No date is hand-given there: the runs follow
from the DAG's start date, its settle delay and the runs before.

The end-to-end tests run the real tools: Airflow 3 (`airflow dags test` runs the DAG's tasks one after another
in this machine's processes, against a fresh SQLite metadata database), the apache-spark provider's
SparkSubmitOperator, pyspark's `spark-submit` with the project's cluster jar against a Spark standalone master
with two workers on loopback (conftest.spark_standalone), and Delta tables checked through `bin/hindsight sql`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from datetime import timedelta

import pendulum
import pytest

from conftest import DAGS, PLUGINS, ROOT

DAG_ID = "hindsight_nightly"
HINDSIGHT = str(ROOT / "bin" / "hindsight")
DAY = "{{ data_interval_start | ds }}"
ONE_DAY = timedelta(days=1)


def load_dagbag(monkeypatch, **env):
    for key in [k for k in os.environ if k.startswith(("AIRFLOW_VAR_HINDSIGHT", "HINDSIGHT_"))]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    return bag.dags[DAG_ID]


def serialized(dag):
    """The DAG as the scheduler sees it: serialized (as the DAG processor stores it) and deserialized."""
    from airflow.serialization.serialized_objects import DagSerialization

    return DagSerialization.deserialize_dag(DagSerialization.serialize_dag(dag))


def scheduler_runs(ser, count: int) -> list:
    """The first `count` runs the scheduler creates for the serialized DAG, each from the one before.

    The scheduler's own calls, without its database: `DagModel.calculate_dagrun_date_fields` (what the DAG
    processor and the scheduler call after each run is created) sets the next run's fields, and
    `next_run_info_from_dag_model` is what the scheduler reads to create that run.
    """
    from airflow.models.dag import DagModel
    from airflow.models.dagrun import DagRun
    from airflow.utils.types import DagRunType

    model, previous, runs = DagModel(dag_id=ser.dag_id), None, []
    for _ in range(count):
        model.calculate_dagrun_date_fields(ser, reference_run=previous)
        info = ser.timetable.next_run_info_from_dag_model(dag_model=model)
        assert info is not None, f"no run after {runs[-1] if runs else 'the start date'}"
        runs.append(info)
        previous = DagRun(
            dag_id=ser.dag_id, run_type=DagRunType.SCHEDULED, logical_date=info.logical_date,
            data_interval=info.data_interval, run_after=info.run_after,
            run_id=ser.timetable.generate_run_id(run_type=DagRunType.SCHEDULED, run_after=info.run_after,
                                                 data_interval=info.data_interval))
    return runs


def utc(text: str) -> pendulum.DateTime:
    return pendulum.parse(text, tz="UTC")


def assert_one_utc_day(info, settle: timedelta):
    """A run covering exactly one UTC day [D, D+1), logical date D, created at D+1 00:00 UTC + the settle delay."""
    start, end = info.data_interval
    assert start.utcoffset() == timedelta(0), info
    assert (start.hour, start.minute, start.second, start.microsecond) == (0, 0, 0, 0), info
    assert end - start == ONE_DAY, info
    assert info.logical_date == start, info
    assert info.run_after == end + settle, info


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
    assert type(dag.timetable).__name__ == "SettledDailyTimetable"
    assert dag.timetable.settle == timedelta(minutes=60)
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


def test_every_step_reads_its_day_from_the_data_interval(monkeypatch):
    dag = load_dagbag(monkeypatch)
    ingest = dag.get_task("ingest_cloudtrail").application_args
    assert ingest[:4] == ["ingest", "--source", "cloudtrail", "--input"]
    assert ingest[5:9] == ["--from", DAY, "--to", DAY]
    assert ingest[9] == "--lake" and "var.value.get('hindsight_lake'" in ingest[10]
    # late data: ingest lists the day before again, score and publish look back for days whose events came late
    assert ingest[11] == "--relist-days" and "var.value.get('hindsight_relist_days', '1')" in ingest[12]
    for step in ("score", "publish"):
        late = dag.get_task(step).application_args[7:9]
        assert late[0] == "--late-days" and "var.value.get('hindsight_late_days', '7')" in late[1], late
    assert dag.get_task("score").application_args[:5] == ["score", "--from", DAY, "--to", DAY]
    assert dag.get_task("publish").application_args[:5] == ["publish", "--from", DAY, "--to", DAY]
    for task in spark_tasks(dag):
        # no {{ ds }} / {{ ds_nodash }} / {{ logical_date }} anywhere: a manual run's logical date is not its day
        templates = " ".join(task.application_args) + task.name
        assert not re.search(r"\{\{\s*(ds|ds_nodash|logical_date)\b", templates), task.task_id
        assert task.name == f"hindsight-{task.task_id}-{{{{ data_interval_start | ds_nodash }}}}"

    # Rendered with the DAG's own Jinja environment: the scheduled run of a day and a manual run for the moment
    # that run starts (logical date = that moment, the next day) both give the day.
    scheduled = scheduler_runs(serialized(dag), 2)[1]
    manual = dag.timetable.infer_manual_data_interval(run_after=scheduled.run_after)
    env = dag.get_template_env()
    for start, logical_date in ((scheduled.data_interval.start, scheduled.logical_date),
                                (manual.start, scheduled.run_after)):
        rendered = env.from_string(f"{DAY} {{{{ data_interval_start | ds_nodash }}}}").render(
            data_interval_start=start, logical_date=logical_date, ds=logical_date.strftime("%Y-%m-%d"))
        assert rendered == "2026-01-02 20260102"


# ---------------------------------------------------------------------------------------------- schedule


@pytest.mark.parametrize("env, first_day, settle", [
    ({}, "2026-01-01", timedelta(minutes=60)),  # the defaults
    # The Variable (AIRFLOW_VAR_*), and the environment fallbacks; across a year's and a leap day's end
    ({"AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES": "90", "HINDSIGHT_START_DATE": "2027-12-30"}, "2027-12-30",
     timedelta(minutes=90)),
    ({"HINDSIGHT_SETTLE_MINUTES": "0", "AIRFLOW_VAR_HINDSIGHT_START_DATE": "2028-02-27"}, "2028-02-27", timedelta(0)),
])
def test_the_scheduler_creates_one_run_per_complete_utc_day_after_the_settle_delay(monkeypatch, env, first_day, settle):
    ser = serialized(load_dagbag(monkeypatch, **env))
    assert type(ser.timetable).__name__ == "SettledDailyTimetable" and ser.timetable.settle == settle
    runs = scheduler_runs(ser, 70)
    # catchup from the start date: its day first, [D 00:00, D+1 00:00) UTC, created at D+1 00:00 + the settle delay
    assert runs[0].data_interval.start == utc(first_day)
    assert runs[0].run_after == utc(first_day) + ONE_DAY + settle
    for run in runs:
        assert_one_utc_day(run, settle)
    # then consecutive days: each run starts where the one before ended (no gap, no overlap), in creation order
    for before, after in zip(runs, runs[1:]):
        assert after.data_interval.start == before.data_interval.end
        assert after.run_after == before.run_after + ONE_DAY
    assert runs[-1].data_interval.end == utc(first_day) + 70 * ONE_DAY


def test_the_run_due_at_a_moment_covers_the_day_before_once_it_has_settled(monkeypatch):
    timetable = serialized(load_dagbag(monkeypatch, AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES="45")).timetable
    from airflow.timetables.base import TimeRestriction

    start = utc("2026-01-01")
    catchup = TimeRestriction(earliest=start, latest=None, catchup=True)

    def due_at(moment):
        """The latest run the scheduler has created by `moment` (run_after <= moment), walking from the start date."""
        latest, info = None, timetable.next_dagrun_info(last_automated_data_interval=None, restriction=catchup)
        while info.run_after <= moment:
            latest = info
            info = timetable.next_dagrun_info(last_automated_data_interval=info.data_interval, restriction=catchup)
        return latest, info

    for moment, day in [("2026-03-15T00:44:59", "2026-03-13"),  # 03-14 has ended, but is not settled yet
                        ("2026-03-15T00:45:00", "2026-03-14"),  # settled: its run is created now
                        ("2026-03-15T13:37:00", "2026-03-14"),
                        ("2026-03-15T23:59:59", "2026-03-14")]:
        latest, following = due_at(utc(moment))
        assert latest.data_interval == (utc(day), utc(day) + ONE_DAY), moment
        assert latest.run_after <= utc(moment) < following.run_after
        assert following.data_interval.start == latest.data_interval.end

    # catchup=False (the scheduler's first run when the DAG is new): the latest settled day at the scheduler's clock.
    no_catchup = TimeRestriction(earliest=start, latest=None, catchup=False)
    clock = sys.modules[type(timetable).__module__]
    for moment, day in [("2026-03-15T00:44:59", "2026-03-13"), ("2026-03-15T00:45:00", "2026-03-14")]:
        monkeypatch.setattr(clock, "_now", lambda moment=moment: utc(moment))
        first = timetable.next_dagrun_info(last_automated_data_interval=None, restriction=no_catchup)
        assert first.data_interval.start == utc(day) and first.run_after <= utc(moment), moment
        # and after a run, the next day (never the same one again)
        after = timetable.next_dagrun_info(last_automated_data_interval=first.data_interval, restriction=no_catchup)
        assert after.data_interval.start == utc(day) + ONE_DAY

    # A start date inside a day begins with the next day; an end date stops the schedule.
    later = TimeRestriction(earliest=utc("2026-01-01T06:00:00"), latest=utc("2026-01-02"), catchup=True)
    first = timetable.next_dagrun_info(last_automated_data_interval=None, restriction=later)
    assert first.data_interval.start == utc("2026-01-02")
    assert timetable.next_dagrun_info(last_automated_data_interval=first.data_interval, restriction=later) is None


def test_after_a_run_of_the_old_daily_schedule_the_next_run_is_the_next_day(monkeypatch):
    # "@daily" (Airflow 3: CronTriggerTimetable) ran at 00:00 on D with the data interval [D, D] and logical date D.
    # The next run must not have logical date D again (unique per DAG; the scheduler would stall on it).
    from airflow.timetables.base import DataInterval, TimeRestriction

    timetable = serialized(load_dagbag(monkeypatch)).timetable
    old = DataInterval(utc("2026-02-10"), utc("2026-02-10"))
    catchup = TimeRestriction(earliest=utc("2026-01-01"), latest=None, catchup=True)
    info = timetable.next_dagrun_info(last_automated_data_interval=old, restriction=catchup)
    assert info.data_interval == (utc("2026-02-11"), utc("2026-02-12"))


def test_a_manual_run_covers_the_last_complete_utc_day_before_it(monkeypatch):
    # `airflow dags test hindsight_nightly <moment>` and a run triggered with a logical date infer the data interval
    # from that moment: at the moment a scheduled run starts, it is that run's day.
    dag = load_dagbag(monkeypatch, AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES="30")
    ser = serialized(dag)
    for run in scheduler_runs(ser, 5):
        assert ser.timetable.infer_manual_data_interval(run_after=run.run_after) == run.data_interval
        # the DAG file's timetable (what `airflow dags test` asks) answers the same
        assert dag.timetable.infer_manual_data_interval(run_after=run.run_after) == run.data_interval
    midday = ser.timetable.infer_manual_data_interval(run_after=utc("2026-03-15T13:37:00"))
    assert midday == (utc("2026-03-14"), utc("2026-03-15"))


def test_a_backfill_of_a_date_range_runs_exactly_those_days(monkeypatch):
    # `airflow backfill create --from-date A --to-date B` creates the runs SerializedDAG.iter_dagrun_infos_between
    # yields (logical dates A..B): the days A..B, each one UTC day.
    ser = serialized(load_dagbag(monkeypatch))
    infos = list(ser.iter_dagrun_infos_between(utc("2026-03-30"), utc("2026-04-02")))
    assert [i.data_interval.start for i in infos] == [utc("2026-03-30") + n * ONE_DAY for n in range(4)]
    for info in infos:
        assert_one_utc_day(info, timedelta(minutes=60))
    assert [i.data_interval.start for i in ser.iter_dagrun_infos_between(utc("2026-03-31"), utc("2026-03-31"))] == [
        utc("2026-03-31")]


def test_the_timetable_is_serialized_by_its_plugin(monkeypatch):
    from airflow import plugins_manager
    from airflow.serialization.serialized_objects import DagSerialization

    dag = load_dagbag(monkeypatch, AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES="75")
    assert "hindsight_timetable.SettledDailyTimetable" in plugins_manager.get_timetables_plugins()
    data = DagSerialization.serialize_dag(dag)
    assert data["timetable"] == {"__type": "hindsight_timetable.SettledDailyTimetable",
                                 "__var": {"settle_seconds": 4500}}
    ser = DagSerialization.deserialize_dag(json.loads(json.dumps(data)))  # through JSON, as it is stored
    assert ser.timetable == dag.timetable and ser.timetable.settle == timedelta(minutes=75)
    assert ser.timetable.summary == "daily UTC, +75 min"


@pytest.mark.parametrize("value", ["-5", "1h", "1.5"])
def test_a_bad_settle_delay_is_an_import_error(monkeypatch, value):
    for key in [k for k in os.environ if k.startswith(("AIRFLOW_VAR_HINDSIGHT", "HINDSIGHT_"))]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES", value)
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert DAG_ID not in bag.dags
    assert any("hindsight_settle_minutes" in str(err) for err in bag.import_errors.values()), bag.import_errors


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


def tables(lake: Path, day: str) -> dict:
    """Counts for `day` and every run, in one `bin/hindsight sql` call (each call starts a JVM)."""
    row = sql(lake, f"""SELECT
        (SELECT count(*) FROM events) AS events,
        (SELECT count(DISTINCT source, event_id) FROM events) AS distinct_events,
        (SELECT count(*) FROM events WHERE event_date = DATE'{day}') AS events_on_date,
        (SELECT count(*) FROM quarantine) AS quarantined,
        (SELECT count(*) FROM scores WHERE event_date = DATE'{day}') AS scores_on_date,
        (SELECT count(DISTINCT credential_id, region) FROM scores WHERE event_date = DATE'{day}') AS scored_keys,
        (SELECT count(*) FROM credential_daily WHERE event_date = DATE'{day}') AS daily_on_date,
        (SELECT count(*) FROM findings) AS findings,
        (SELECT to_json(array_sort(collect_list(struct(started_at, run_id, command, status,
                CAST(date_from AS STRING) AS date_from, CAST(date_to AS STRING) AS date_to, spark_master,
                CAST(restated_dates AS ARRAY<STRING>) AS restated_dates))))
         FROM runs) AS runs""")[0]
    row["runs"] = json.loads(row["runs"])
    return row


# The generated logs' days, and the DAG's parse-time settings for the end-to-end runs: `airflow dags test` parses
# the DAG with them, and the test process asks the same DAG's timetable which runs the scheduler creates.
GENERATED_FROM, GENERATED_DAYS = "2026-01-01", 3
E2E_PARSE_ENV = {"AIRFLOW_VAR_HINDSIGHT_START_DATE": GENERATED_FROM, "AIRFLOW_VAR_HINDSIGHT_SETTLE_MINUTES": "45"}


@pytest.fixture
def scheduled(monkeypatch) -> list:
    """The runs the scheduler creates first for the end-to-end DAG: one per generated day, from the start date."""
    return scheduler_runs(serialized(load_dagbag(monkeypatch, **E2E_PARSE_ENV)), GENERATED_DAYS)


@pytest.fixture(scope="module")
def airflow_run(tmp_path_factory, cluster_jar, spark_standalone):
    """A fresh Airflow home and lake, 3 generated days, and a function that runs `airflow dags test`.

    The Spark connection is local[2]; `dags_test(..., AIRFLOW_CONN_SPARK_DEFAULT=airflow_run["master"])` submits
    to the standalone cluster's master instead (conftest.spark_standalone), whose workers run the tasks (a run there
    takes minutes, so one run of the nightly test does)."""
    work = tmp_path_factory.mktemp("dag-e2e")
    logs, lake, home = work / "logs", work / "lake", work / "airflow-home"
    home.mkdir()
    subprocess.run([HINDSIGHT, "generate", "--out", str(logs), "--start", GENERATED_FROM, "--days", str(GENERATED_DAYS),
                    "--seed", "7", "--events-per-day", "300"], check=True, capture_output=True, timeout=600)
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AIRFLOW", "HINDSIGHT_", "SPARK_HOME", "PYSPARK"))}
    env.update({
        "PATH": venv_bin + os.pathsep + env.get("PATH", ""),  # the venv's spark-submit (pyspark 4.1.0)
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(PLUGINS),
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "AIRFLOW_CONN_SPARK_DEFAULT": "spark://local%5B2%5D",
        "AIRFLOW_VAR_HINDSIGHT_LAKE": str(lake),
        "AIRFLOW_VAR_HINDSIGHT_INPUT": str(logs / "AWSLogs"),
        "AIRFLOW_VAR_HINDSIGHT_JAR": str(cluster_jar),
        "AIRFLOW_VAR_HINDSIGHT_SHUFFLE_PARTITIONS": "4",
        # A failure must show at once, not after back-off retries.
        "AIRFLOW_VAR_HINDSIGHT_RETRIES": "0",
        **E2E_PARSE_ENV,
    })
    migrate = subprocess.run([shutil.which("airflow", path=env["PATH"]), "db", "migrate"], env=env,
                             capture_output=True, text=True, timeout=600)
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]

    def dags_test(moment, **extra_env) -> subprocess.CompletedProcess:
        """`airflow dags test` at `moment`: a run whose logical date is that moment, its data interval inferred."""
        result = subprocess.run([shutil.which("airflow", path=env["PATH"]), "dags", "test", DAG_ID, moment.isoformat()],
                                env={**env, **extra_env}, capture_output=True, text=True, timeout=1800)
        name = re.sub(r"[^0-9A-Za-z]+", "", moment.isoformat())
        (work / f"dags-test-{name}-{len(list(work.glob('dags-test-*')))}.log").write_text(result.stdout + result.stderr)
        return result

    # How a cluster's own settings reach spark-submit: spark-defaults.conf in SPARK_CONF_DIR. These two make the
    # small test lake's many tiny Delta state jobs cheap on the 2-core cluster (see test_cluster.py).
    conf_dir = work / "spark-conf"
    conf_dir.mkdir()
    (conf_dir / "spark-defaults.conf").write_text(
        "spark.databricks.delta.snapshotPartitions 2\nspark.locality.wait 0s\n")
    cluster_env = {"AIRFLOW_CONN_SPARK_DEFAULT": spark_standalone.url, "SPARK_CONF_DIR": str(conf_dir)}
    return {"logs": logs, "lake": lake, "dags_test": dags_test, "work": work, "master": spark_standalone.url,
            "cluster_env": cluster_env}


def finished_run(out: str) -> tuple[str, str, str, str]:
    """Logical date, state and data interval of the run `airflow dags test` logged as finished."""
    line = [line for line in out.splitlines() if "DagRun Finished" in line][-1]
    fields = dict(re.findall(r"(\w+)=([^,]*)", line))
    return fields["logical_date"], fields["state"], fields["data_interval_start"], fields["data_interval_end"]


def test_nightly_run_ingests_scores_and_publishes_the_day_and_a_rerun_duplicates_nothing(airflow_run, scheduled):
    lake, logs = airflow_run["lake"], airflow_run["logs"]
    # The second run the scheduler creates from the start date: the second generated day, whose events are
    # delivered in its own folder and (late ones) in the next day's.
    run = scheduled[1]
    day = run.data_interval.start.strftime("%Y-%m-%d")
    assert run.data_interval == (pendulum.parse(GENERATED_FROM) + ONE_DAY, pendulum.parse(GENERATED_FROM) + 2 * ONE_DAY)
    assert run.run_after == run.data_interval.end + timedelta(minutes=45)
    ids, by_date = generated_day(logs, day)

    # `airflow dags test` at the moment the scheduler creates that run: the run's logical date is that moment (the
    # next day: a step reading {{ ds }} would process the wrong day), its data interval the day before it. Its
    # steps submit to the standalone cluster (spark://127.0.0.1:<port>: the Spark provider makes the master URL
    # from the connection's scheme, host and port).
    first = airflow_run["dags_test"](run.run_after, **airflow_run["cluster_env"])
    out = first.stdout + first.stderr
    assert first.returncode == 0, out[-5000:]
    assert "state=success" in out, out[-5000:]
    for task in ("ingest_cloudtrail", "score", "publish"):
        assert f"[DAG TEST] end task task_id={task}" in out
        assert f"hindsight-{task}-{day.replace('-', '')}" in out  # the spark-submit --name
    assert finished_run(out) == (f"{run.run_after:%Y-%m-%d %H:%M:%S}+00:00", "success",
                                 f"{run.data_interval.start:%Y-%m-%d %H:%M:%S}+00:00",
                                 f"{run.data_interval.end:%Y-%m-%d %H:%M:%S}+00:00")

    after_first = tables(lake, day)
    first_runs = after_first.pop("runs")
    # Every generated record of the day's delivery folders is an event, each held once (the generator writes
    # duplicate deliveries); events keep their own date, so late deliveries land on the day before.
    assert after_first["quarantined"] == 0
    assert after_first["events"] == after_first["distinct_events"] == len(ids)
    assert after_first["events_on_date"] == by_date[day] > 0
    assert after_first["scores_on_date"] > 0
    assert after_first["scores_on_date"] == after_first["scored_keys"] == after_first["daily_on_date"]

    assert [(r["command"], r["status"], r["date_from"], r["date_to"]) for r in first_runs] == [
        ("ingest", "succeeded", day, day), ("score", "succeeded", day, day), ("publish", "succeeded", day, day)]
    assert all(r["spark_master"] == airflow_run["master"] for r in first_runs), first_runs

    # The same run again (a manual rerun or a retry), on local[2]: nothing is duplicated, every step succeeds.
    second = airflow_run["dags_test"](run.run_after)
    assert second.returncode == 0, (second.stdout + second.stderr)[-5000:]
    assert "state=success" in second.stdout + second.stderr
    after_second = tables(lake, day)
    second_runs = after_second.pop("runs")
    assert after_second == after_first
    assert len(second_runs) == 6
    # ingest finds every file of the day in ingest_files already and reads nothing (status noop)
    assert [(r["command"], r["status"]) for r in second_runs[3:]] == [
        ("ingest", "noop"), ("score", "succeeded"), ("publish", "succeeded")]
    assert all(r["spark_master"] == "local[2]" for r in second_runs[3:]), second_runs


def dated_ids(logs: Path, days: list[str]) -> dict[str, str]:
    """eventID -> event date of every record in the CloudTrail files delivered under `days`' folders."""
    ids: dict[str, str] = {}
    for day in days:
        y, m, d = day.split("-")
        for f in logs.glob(f"AWSLogs/*/CloudTrail/*/{y}/{m}/{d}/*.json.gz"):
            for record in json.loads(gzip.decompress(f.read_bytes()))["Records"]:
                ids[record["eventID"]] = record["eventTime"][:10]
    return ids


def test_a_file_delivered_late_for_a_scored_day_is_scored_by_the_next_nights_run(airflow_run, scheduled):
    lake, logs = airflow_run["lake"], airflow_run["logs"]
    day2, day3 = (r.data_interval.start.strftime("%Y-%m-%d") for r in scheduled[1:3])
    # Day 2 has been ingested, scored and published (by the test above, or here when this test runs alone).
    if not any(r["command"] == "publish" and r["date_from"] == day2 for r in tables(lake, day2)["runs"]):
        assert airflow_run["dags_test"](scheduled[1].run_after).returncode == 0
    before = tables(lake, day2)
    runs_before = before.pop("runs")
    assert before["events_on_date"] == sum(1 for date in dated_ids(logs, [day2]).values() if date == day2)

    # After day 2's run, a file of day-2 events nobody has seen yet lands in day 2's folder.
    y, m, d = day2.split("-")
    files = sorted(logs.glob(f"AWSLogs/*/CloudTrail/*/{y}/{m}/{d}/*.json.gz"))
    source = files[0]
    records = [r for f in files if f.parent == source.parent
               for r in json.loads(gzip.decompress(f.read_bytes()))["Records"] if r["eventTime"].startswith(day2)][:3]
    assert len(records) == 3
    for i, r in enumerate(records):
        r["eventID"] = f"00000000-late-4000-8000-00000000000{i}"
    late = source.with_name(source.name.replace(".json.gz", "_late.json.gz"))
    late.write_bytes(gzip.compress(json.dumps({"Records": records}).encode()))

    # The scheduler's next run: day 3. It lists day 2's folder again, reads only the late file, and scores and
    # publishes day 2 again before day 3; its runs rows say so.
    night3 = airflow_run["dags_test"](scheduled[2].run_after)
    out = night3.stdout + night3.stderr
    assert night3.returncode == 0 and "state=success" in out, out[-5000:]
    after = tables(lake, day2)
    new_runs = after.pop("runs")[len(runs_before):]
    assert [(r["command"], r["status"], r["date_from"], r["restated_dates"]) for r in new_runs] == [
        ("ingest", "succeeded", day3, [day2]), ("score", "succeeded", day3, [day2]),
        ("publish", "succeeded", day3, [day2])]
    # Day 2 holds every event dated day 2 in its own folder, the late file and day 3's folder, each once.
    expected = sum(1 for date in dated_ids(logs, [day2, day3]).values() if date == day2)
    assert after["events_on_date"] == expected >= before["events_on_date"] + 3
    assert after["events"] == after["distinct_events"]
    # Day 2's scores were computed again by night 3's score run, one row per credential and region.
    assert after["scores_on_date"] == after["scored_keys"] == after["daily_on_date"]
    score3 = new_runs[1]["run_id"]
    assert sql(lake, f"SELECT count(*) AS n FROM scores WHERE event_date = DATE'{day2}' AND run_id <> '{score3}'")[0]["n"] == 0


def test_a_failing_job_fails_its_task_and_stops_the_run(airflow_run, scheduled, tmp_path):
    # An input that does not exist: hindsight ingest exits 1, so spark-submit exits 1 and the task fails.
    run = scheduled[2]
    day = run.data_interval.start.strftime("%Y%m%d")
    result = airflow_run["dags_test"](run.run_after, AIRFLOW_VAR_HINDSIGHT_INPUT=str(tmp_path / "no-such-input"),
                                      AIRFLOW_VAR_HINDSIGHT_LAKE=str(tmp_path / "lake"))
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-5000:]
    assert "does not exist" in out, out[-5000:]
    assert "Error code is: 1" in out, out[-5000:]
    assert "new_state=failed" in out
    assert finished_run(out)[1:] == ("failed", f"{run.data_interval.start:%Y-%m-%d %H:%M:%S}+00:00",
                                     f"{run.data_interval.end:%Y-%m-%d %H:%M:%S}+00:00")
    # score and publish never ran
    assert f"hindsight-ingest_cloudtrail-{day}" in out
    assert "task_id=score" not in out.split("new_state=failed")[0]
    assert f"hindsight-score-{day}" not in out and f"hindsight-publish-{day}" not in out
