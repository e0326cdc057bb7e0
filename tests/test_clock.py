import datetime as dt

from jdbuilder import clock


def test_created_is_source_date_epoch_when_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767270645")  # 2026-01-01T12:30:45Z
    assert clock.created_timestamp() == dt.datetime(2026, 1, 1, 12, 30, 45,
                                                    tzinfo=dt.timezone.utc)
    assert clock.build_date() == dt.date(2026, 1, 1)


def test_created_is_the_build_date_at_midnight_utc_when_unset(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(clock, "build_date", lambda: dt.date(2027, 3, 9))
    assert clock.created_timestamp() == dt.datetime(2027, 3, 9, tzinfo=dt.timezone.utc)


def test_created_unset_is_today_not_a_fixed_past(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    created = clock.created_timestamp()
    assert created.date() == dt.date.today() and created.time() == dt.time()
