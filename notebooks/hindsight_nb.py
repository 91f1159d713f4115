"""Helpers the notebooks share: a local SparkSession that reads the lake's Delta tables, and table access.

Delta comes from the project's cluster jar (``jobs/target/hindsight-jobs-*-cluster.jar``, built by
``mvn -B -q -DskipTests package``): it holds Delta Lake 4.3 for Spark 4.1, so nothing is downloaded. Without the
jar, delta-spark's ``configure_spark_with_delta_pip`` resolves Delta from Maven instead (needs the network once).
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent


def find_cluster_jar(jar: str = "") -> str:
    """The jar given, else $HINDSIGHT_JAR, else the newest cluster jar of this checkout ('' if none)."""
    if jar:
        return jar
    if os.environ.get("HINDSIGHT_JAR"):
        return os.environ["HINDSIGHT_JAR"]
    jars = sorted(glob.glob(str(HERE.parent / "jobs" / "target" / "hindsight-jobs-*-cluster.jar")))
    return jars[-1] if jars else ""


def spark_session(app: str = "hindsight-notebook", jar: str = "", master: str = "local[2]", shuffle_partitions: int = 4):
    """A SparkSession with Delta enabled, UTC, small shuffles: enough for a lake on one machine."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName(app)
        .master(master)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "2g")
    )
    jar = find_cluster_jar(jar)
    if jar:
        # spark.jars ships it to executors; the driver class path makes its classes (Delta, and the hindsight CLI
        # that hindsight_cli calls) visible to Py4J too.
        builder = builder.config("spark.jars", jar).config("spark.driver.extraClassPath", jar)
    else:
        from delta import configure_spark_with_delta_pip

        builder = configure_spark_with_delta_pip(builder)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def table_path(lake: str, table: str) -> str:
    return lake.rstrip("/") + "/" + table


def read_table(spark, lake: str, table: str, version: int | None = None):
    """A lake table as a DataFrame, at its latest version or at Delta version `version`."""
    reader = spark.read.format("delta")
    if version is not None:
        reader = reader.option("versionAsOf", int(version))
    return reader.load(table_path(lake, table))


def register_tables(spark, lake: str, tables=("events", "credential_daily", "scores", "findings", "runs")):
    """Temp views named like the tables, so cells can use SQL."""
    for t in tables:
        read_table(spark, lake, t).createOrReplaceTempView(t)


def hindsight_cli(spark, *args: str) -> None:
    """Runs a hindsight command (`sample`, `verify-sample`, `report`, ...) inside this session's JVM.

    The cluster jar on the session's classpath holds the CLI; a command reuses the running SparkSession, so it
    reads and writes the same lake with the same settings. Its output goes to the kernel's log; a non-zero exit
    code (1 = the job or a check failed, 2 = bad usage) raises.
    """
    jvm = spark.sparkContext._jvm
    gateway = spark.sparkContext._gateway
    array = gateway.new_array(jvm.java.lang.String, len(args))
    for i, a in enumerate(args):
        array[i] = str(a)
    code = jvm.dev.hindsight.cli.Hindsight.execute(array)
    if code != 0:
        raise RuntimeError(f"hindsight {' '.join(args[:1])} exited {code} (see the kernel log for its message)")
