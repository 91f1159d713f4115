"""hindsight nightly: ingest -> score -> publish -> notify for the UTC day that ended, one spark-submit per step.

Every step runs the project's cluster jar (``mvn -B -DskipTests package`` builds
``jobs/target/hindsight-jobs-<version>-cluster.jar``) with ``spark-submit --class dev.hindsight.cli.Hindsight``.
The Spark connection (Variable ``hindsight_spark_conn``, default ``spark_default``) decides where it runs:
``local[2]``, YARN, Kubernetes or a standalone master.

Settings are Airflow Variables, each with an environment fallback for when the Variable is not set:

======================================  ==========================  ===============================================
Variable                                environment fallback        meaning
======================================  ==========================  ===============================================
hindsight_lake                          HINDSIGHT_LAKE              lake root URI (local path, file://, s3a://)
hindsight_input                         HINDSIGHT_INPUT             audit log root (e.g. s3a://trail-bucket/AWSLogs)
hindsight_input_<source>                HINDSIGHT_INPUT_<SOURCE>    per-source input (dashes as _), overrides hindsight_input
hindsight_jar                           HINDSIGHT_JAR               path or URI of the cluster jar
hindsight_driver_java_options           HINDSIGHT_DRIVER_JAVA_OPTS  spark.driver.extraJavaOptions
hindsight_executor_java_options         HINDSIGHT_EXECUTOR_JAVA_OPTS spark.executor.extraJavaOptions
hindsight_shuffle_partitions            HINDSIGHT_SHUFFLE_PARTS     spark.sql.shuffle.partitions (default 8)
hindsight_sources (parse time)          HINDSIGHT_SOURCES           comma list; one ingest task per source
hindsight_spark_conn (parse time)       HINDSIGHT_SPARK_CONN        Spark connection id (default spark_default)
hindsight_start_date (parse time)       HINDSIGHT_START_DATE        first day processed (default 2026-01-01)
hindsight_settle_minutes (parse time)   HINDSIGHT_SETTLE_MINUTES    minutes after a day ends before its run (default 60)
hindsight_retries (parse time)          HINDSIGHT_RETRIES           retries per task (default 2)
hindsight_relist_days                   HINDSIGHT_RELIST_DAYS       ingest lists this many days before D again (default 1)
hindsight_late_days                     HINDSIGHT_LATE_DAYS         score/publish look back this far for late events (default 7)
hindsight_notify_webhook_url            (none: AIRFLOW_VAR_...)     webhook or Slack incoming-webhook URL; unset: no notify
hindsight_notify_target                 (none)                      webhook (JSON object, default) or slack
hindsight_notify_min_score              HINDSIGHT_NOTIFY_MIN_SCORE  findings scoring at least this are sent (default 60)
======================================  ==========================  ===============================================

Variables marked "parse time" shape the DAG (task ids, connection, schedule) and are read when the file is
parsed: ``AIRFLOW_VAR_*`` environment variables answer without touching the metadata database, and a missing
Variable falls back to the environment and then the default. All other values are Jinja templates rendered
when a task runs, so parsing never reads them.

Scheduling: each run covers one complete UTC day. Its data interval is [D 00:00, D+1 00:00) UTC (logical date
D), and every task reads the day from the interval (``{{ data_interval_start | ds }}``), never from a logical
date. The timetable is ``SettledDailyTimetable`` (``airflow/plugins/hindsight_timetable.py``, which must be in
Airflow's plugins folder): the scheduler creates the run of day D at D+1 00:00 UTC + the settle delay
(``hindsight_settle_minutes``), as audit logs arrive late (CloudTrail usually within 15 minutes, sometimes hours).
Not ``"@daily"``: in Airflow 3 that is a ``CronTriggerTimetable``, whose run at 00:00 on D has logical date D, a
day that has just begun. Why not a cron data interval or a sensor task: see the plugin's docstring. A manual run
(or ``airflow dags test hindsight_nightly <moment>``) covers the last complete UTC day before that moment.

Late data is scored, not lost. Files delivered into day D-1's folder after D-1's run, and events of D-1 in D's
files, reach D-1's scores and findings in D's run: ``ingest --relist-days 1`` lists D-1's folders again (the
``ingest_files`` ledger skips what was read, so only late files are read), and ``score`` / ``publish`` (``--late-days
7``) redo from the first of the 7 days before D whose events arrived after the day was scored (read from the
``runs`` and ``events`` tables), through D. The ``runs`` row of each step lists the days it redid before D in
``restated_dates``. A day later than the look-back is left as scored; ``hindsight score`` / ``publish`` of its
range redo it by hand.

``catchup=True`` (a start date in the past backfills every day in order), one run at a time
(``max_active_runs=1``): scoring day D reads ``credential_daily`` of the days before it, so days are scored in
order, and ``score`` / ``publish`` wait for the previous day's to have succeeded (``depends_on_past``).
Each step is idempotent (ingest skips files already read; score and publish replace the day), so retries and
reruns never duplicate rows. ``spark-submit`` exits non-zero when hindsight exits 1 (job failed, recorded in
the ``runs`` table) or 2 (bad usage); the task then fails and is retried with exponential back-off.

Notifications: after publish, ``notify_configured`` (a ShortCircuitOperator) checks whether the Variable
``hindsight_notify_webhook_url`` is set; when it is not, ``notify`` is skipped and the run still succeeds. When
it is, ``notify`` runs ``hindsight notify --since-last-run --webhook-env HINDSIGHT_WEBHOOK_URL`` (or
``--slack-env`` when ``hindsight_notify_target`` is ``slack``): the URL reaches the job in an environment
variable, never on the command line, and Airflow masks it in logs and rendered fields (a Variable or key whose
name holds ``webhook_url`` is sensitive). On YARN and Kubernetes the Spark provider passes environment variables
as Spark settings; the task's ``spark.redaction.regex`` covers them in the Spark UI. notify records every
delivered message in the ``notifications`` table, so a retry sends only what was not delivered yet.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.sdk import DAG

try:
    # airflow/plugins/hindsight_timetable.py: Airflow puts its plugins folder on sys.path
    from hindsight_timetable import SettledDailyTimetable
except ImportError as e:
    raise ImportError("hindsight_nightly needs airflow/plugins/hindsight_timetable.py in Airflow's plugins folder "
                      "([core] plugins_folder), on every scheduler, DAG processor, API server and worker") from e

DAG_ID = "hindsight_nightly"
MAIN_CLASS = "dev.hindsight.cli.Hindsight"

# spark-submit (Spark 4.1) adds the --add-opens flags Java 17 needs by itself; these are the two other flags of the
# pom's spark.jvm.flags (bin/hindsight passes all of them). Override with the Variable to add your own.
DEFAULT_DRIVER_JAVA_OPTIONS = "-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"


def _parse_time_setting(key: str, env: str, default: str) -> str:
    """A setting that shapes the DAG. AIRFLOW_VAR_<KEY> (no database access), then the Variable, then env, then default."""
    value = os.environ.get("AIRFLOW_VAR_" + key.upper())
    if value is None:
        try:
            from airflow.sdk import Variable

            value = Variable.get(key, default=None)
        except Exception:  # no metadata database or API server reachable while parsing: use the fallbacks
            value = None
    if value is None or value == "":
        value = os.environ.get(env, default)
    return value


def _templated(key: str, env: str, default: str) -> str:
    """A Jinja template read when the task runs: the Variable, else the environment fallback, else the default."""
    fallback = os.environ.get(env, default)
    return "{{ var.value.get(%r, %r) }}" % (key, fallback)


def _source_input(source: str) -> str:
    """Variable hindsight_input_<source>, else hindsight_input, else HINDSIGHT_INPUT_<SOURCE>, else HINDSIGHT_INPUT.

    In the Variable and environment names a source's dashes become underscores (azure-activity ->
    hindsight_input_azure_activity, HINDSIGHT_INPUT_AZURE_ACTIVITY), so AIRFLOW_VAR_* can set them too.
    """
    key = source.replace("-", "_")
    fallback = os.environ.get("HINDSIGHT_INPUT_" + key.upper(), os.environ.get("HINDSIGHT_INPUT", ""))
    return "{{ var.value.get(%r, var.value.get('hindsight_input', %r)) }}" % ("hindsight_input_" + key, fallback)


SOURCES = [s.strip() for s in _parse_time_setting("hindsight_sources", "HINDSIGHT_SOURCES", "cloudtrail").split(",")
           if s.strip()]
for _s in SOURCES:
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", _s):
        raise ValueError(f"hindsight_sources: {_s!r} is not a source name (a lower case letter, then letters, digits, - and _)")
SPARK_CONN = _parse_time_setting("hindsight_spark_conn", "HINDSIGHT_SPARK_CONN", "spark_default")
START_DATE = datetime.strptime(
    _parse_time_setting("hindsight_start_date", "HINDSIGHT_START_DATE", "2026-01-01"), "%Y-%m-%d"
).replace(tzinfo=timezone.utc)
RETRIES = int(_parse_time_setting("hindsight_retries", "HINDSIGHT_RETRIES", "2"))
_settle = _parse_time_setting("hindsight_settle_minutes", "HINDSIGHT_SETTLE_MINUTES", "60").strip()
if not re.fullmatch(r"[0-9]+", _settle):
    raise ValueError(f"hindsight_settle_minutes: {_settle!r} is not a whole number of minutes (0 or more)")
SETTLE = timedelta(minutes=int(_settle))

LAKE = _templated("hindsight_lake", "HINDSIGHT_LAKE", "./lake")
JAR = _templated("hindsight_jar", "HINDSIGHT_JAR", "jobs/target/hindsight-jobs-0.1.0-SNAPSHOT-cluster.jar")
SPARK_CONF = {
    "spark.driver.extraJavaOptions": _templated(
        "hindsight_driver_java_options", "HINDSIGHT_DRIVER_JAVA_OPTS", DEFAULT_DRIVER_JAVA_OPTIONS),
    # On a cluster the executors are JVMs of their own (a standalone worker's, YARN's, Kubernetes' pods).
    "spark.executor.extraJavaOptions": _templated(
        "hindsight_executor_java_options", "HINDSIGHT_EXECUTOR_JAVA_OPTS", DEFAULT_DRIVER_JAVA_OPTIONS),
    "spark.sql.shuffle.partitions": _templated("hindsight_shuffle_partitions", "HINDSIGHT_SHUFFLE_PARTS", "8"),
}
# The run's UTC day: the start of its data interval [D, D+1). Not {{ ds }}: a manual run's or `airflow dags test`'s
# logical date is the moment it was triggered for, the day after the one it covers.
DAY_TEMPLATE = "{{ data_interval_start | ds }}"
DAY = ["--from", DAY_TEMPLATE, "--to", DAY_TEMPLATE, "--lake", LAKE]
# Late data (see the docstring): ingest lists the days before D again, score and publish redo late days.
RELIST = ["--relist-days", _templated("hindsight_relist_days", "HINDSIGHT_RELIST_DAYS", "1")]
LATE = ["--late-days", _templated("hindsight_late_days", "HINDSIGHT_LATE_DAYS", "7")]

# notify: the URL can hold a secret (a Slack webhook URL is one). It is read from this Variable only when the task
# runs, and handed to the job in an environment variable. Both names hold "webhook_url", which Airflow's secrets
# masker treats as sensitive: the value is masked in task logs and in the rendered template fields.
NOTIFY_URL_VARIABLE = "hindsight_notify_webhook_url"
NOTIFY_URL_ENV = "HINDSIGHT_WEBHOOK_URL"
# Spark's default redaction pattern plus "webhook": the environment variable is hidden in the Spark UI and event
# logs too (on YARN / Kubernetes the provider passes it as a spark.*Env.* setting).
NOTIFY_SPARK_CONF = {**SPARK_CONF, "spark.redaction.regex": "(?i)secret|password|token|access[.]?key|webhook"}

default_args = {
    "owner": "hindsight",
    "retries": RETRIES,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=6),
}


def _step(task_id: str, args: list[str], conf: dict | None = None, **kwargs) -> SparkSubmitOperator:
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN,
        application=JAR,
        java_class=MAIN_CLASS,
        name=f"hindsight-{task_id}-{{{{ data_interval_start | ds_nodash }}}}",
        conf=SPARK_CONF if conf is None else conf,
        application_args=args,
        **kwargs,
    )


def notify_configured() -> bool:
    """True when the notify Variable holds a URL; False skips the notify task (the run still succeeds).

    Runs when the task runs, not when the DAG is parsed. The value is never printed: reading a Variable whose name
    holds "webhook_url" registers it with Airflow's secrets masker, and it is masked once more here.
    """
    from airflow.sdk import Variable

    url = Variable.get(NOTIFY_URL_VARIABLE, default=None)
    if url is None or not str(url).strip():
        print(f"Variable {NOTIFY_URL_VARIABLE} is not set: notify is skipped")
        return False
    try:
        from airflow.sdk.log import mask_secret

        mask_secret(str(url))
    except ImportError:  # an Airflow without the task SDK's masker: the Variable's own masking still applies
        pass
    print(f"Variable {NOTIFY_URL_VARIABLE} is set: notify runs")
    return True


with DAG(
    dag_id=DAG_ID,
    description="hindsight: ingest audit logs, score credentials point-in-time, publish findings (one day per run)",
    schedule=SettledDailyTimetable(settle=SETTLE),
    start_date=START_DATE,
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["hindsight", "spark", "delta"],
    doc_md=__doc__,
) as dag:
    ingests = [
        _step(f"ingest_{source}", ["ingest", "--source", source, "--input", _source_input(source), *DAY, *RELIST])
        for source in SOURCES
    ]
    # Scoring D reads the credential_daily rows of the days before D: never score a day before the previous one.
    score = _step("score", ["score", *DAY, *LATE], depends_on_past=True)
    publish = _step("publish", ["publish", *DAY, *LATE], depends_on_past=True)
    # Only with a destination: without the Variable, notify is skipped and the DAG run still succeeds.
    configured = ShortCircuitOperator(task_id="notify_configured", python_callable=notify_configured)
    notify = _step(
        "notify",
        [
            "notify", "--since-last-run",
            "--{{ var.value.get('hindsight_notify_target', 'webhook') }}-env", NOTIFY_URL_ENV,
            "--min-score", _templated("hindsight_notify_min_score", "HINDSIGHT_NOTIFY_MIN_SCORE", "60"),
            "--lake", LAKE,
        ],
        conf=NOTIFY_SPARK_CONF,
        env_vars={NOTIFY_URL_ENV: "{{ var.value.get('%s', '') }}" % NOTIFY_URL_VARIABLE},
    )

    ingests >> score >> publish >> configured >> notify
