"""hindsight's timetable: one complete UTC day per run, created once the day's late audit logs have arrived.

``SettledDailyTimetable(settle=timedelta(minutes=60))`` gives each run the data interval [D 00:00, D+1 00:00) UTC
(logical date D) and has the scheduler create it at D+1 00:00 + ``settle``. Audit logs arrive late (CloudTrail
usually within 15 minutes, sometimes hours; Azure and GCP exports similar): the run waits for them without holding
a worker slot or a triggerer, and the UI shows when it will really start.

Why not the built-in timetables: ``schedule="@daily"`` is a ``CronTriggerTimetable`` in Airflow 3 (the run firing
at 00:00 on day D has logical date D, a day that has just begun). ``CronDataIntervalTimetable("0 0 * * *")`` gives
the right interval, but starts the run at 00:00 sharp; a cron at the settle time (``"0 1 * * *"``) shifts the
interval to [01:00, 01:00). A first sensor task could wait for the settle delay, but the run would look started at
00:00, and the wait needs a triggerer (deferrable) or rescheduled pokes in a worker slot, every day.

Airflow needs this file in its plugins folder (``[core] plugins_folder``) on every component that parses or
schedules DAGs (scheduler, DAG processor, API server, workers): custom timetables are serialized by class name,
and only classes a plugin registers can be (de)serialized. The plugins folder is on ``sys.path``, so the DAG file
imports the class from here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pendulum

from airflow.exceptions import AirflowTimetableInvalid
from airflow.plugins_manager import AirflowPlugin
from airflow.timetables.base import DagRunInfo, DataInterval, TimeRestriction, Timetable

ONE_DAY = timedelta(days=1)


def _now() -> pendulum.DateTime:
    """The current time (a function so a test can pin the clock for ``catchup=False``)."""
    return pendulum.now("UTC")


def _floor_day(at: datetime) -> pendulum.DateTime:
    """The UTC midnight at or before ``at``."""
    utc = pendulum.instance(at).in_timezone("UTC")
    return pendulum.datetime(utc.year, utc.month, utc.day, tz="UTC")


def _ceil_day(at: datetime) -> pendulum.DateTime:
    """The UTC midnight at or after ``at``."""
    floor = _floor_day(at)
    return floor if floor == at else floor + ONE_DAY


class SettledDailyTimetable(Timetable):
    """Each run covers one UTC day [D, D+1) (logical date D) and is created at D+1 00:00 + ``settle``."""

    def __init__(self, settle: timedelta = timedelta(minutes=60)) -> None:
        self.settle = settle
        minutes = int(settle.total_seconds() // 60)
        self.description = f"One UTC day per run, started {minutes} minutes after the day ends (00:00 UTC)"
        self._summary = f"daily UTC, +{minutes} min"

    @property
    def summary(self) -> str:
        return self._summary

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SettledDailyTimetable) and other.settle == self.settle

    def __hash__(self) -> int:
        return hash(self.settle)

    def serialize(self) -> dict[str, Any]:
        return {"settle_seconds": int(self.settle.total_seconds())}

    @classmethod
    def deserialize(cls, data: dict[str, Any]) -> SettledDailyTimetable:
        return cls(timedelta(seconds=data["settle_seconds"]))

    def validate(self) -> None:
        if self.settle < timedelta(0):
            raise AirflowTimetableInvalid(f"the settle delay must not be negative, got {self.settle}")
        if self.settle.total_seconds() % 60:
            raise AirflowTimetableInvalid(f"the settle delay must be whole minutes, got {self.settle}")

    def run_for_day(self, day: datetime) -> DagRunInfo:
        """The run of one UTC day: its data interval, and when the scheduler creates it."""
        start = _floor_day(day)
        return DagRunInfo(run_after=start + ONE_DAY + self.settle, data_interval=DataInterval(start, start + ONE_DAY))

    def latest_settled_day(self, at: datetime) -> pendulum.DateTime:
        """The latest day whose run is due at ``at`` (its end plus the settle delay is at or before ``at``)."""
        return _floor_day(pendulum.instance(at) - self.settle) - ONE_DAY

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        # As CronDataIntervalTimetable("@daily") does: a run triggered (or `airflow dags test`ed) at a moment covers
        # the last complete UTC day before it. Before the settle delay has passed that day may still lack late
        # files; the scheduled run reads them later (every step is idempotent).
        end = _floor_day(run_after)
        return DataInterval(end - ONE_DAY, end)

    def next_dagrun_info(
        self,
        *,
        last_automated_data_interval: DataInterval | None,
        restriction: TimeRestriction,
    ) -> DagRunInfo | None:
        # Days start at UTC midnight: a start date inside a day begins with the next one (as a cron timetable does).
        earliest = None if restriction.earliest is None else _ceil_day(restriction.earliest)
        if not restriction.catchup:
            # No backfill: nothing before the latest day that is due now.
            latest_due = self.latest_settled_day(_now())
            earliest = latest_due if earliest is None else max(earliest, latest_due)
        if last_automated_data_interval is None:
            if earliest is None:
                return None
            day = earliest
        else:
            # The day after the previous run's. Its interval may come from another schedule (e.g. the exact
            # [D, D] of the old "@daily"): start where it ended, but always after its logical date, which is
            # unique per DAG.
            last = last_automated_data_interval
            day = _floor_day(last.end)
            if day <= last.start:
                day = _floor_day(last.start) + ONE_DAY
            if earliest is not None:
                day = max(day, earliest)
        if restriction.latest is not None and day > restriction.latest:
            return None
        return self.run_for_day(day)


class HindsightTimetablePlugin(AirflowPlugin):
    name = "hindsight_timetable"
    timetables = [SettledDailyTimetable]
