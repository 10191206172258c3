# datetime: timedelta normalisation/arithmetic/str/repr, date and datetime construction, errors,
# arithmetic, comparisons, isoformat/fromisoformat, strftime, timezones, ordinals, isocalendar.
from datetime import date, datetime, time, timedelta, timezone, MINYEAR, MAXYEAR
import datetime as dt_module

td = timedelta(days=1, hours=25, minutes=-1, seconds=3.5, milliseconds=1)
print(repr(td), str(td), td.days, td.seconds, td.microseconds, td.total_seconds())
print(repr(timedelta()), repr(timedelta(-1)), str(timedelta(-1, 1)), str(timedelta(microseconds=-1)))
print(str(timedelta(days=2, seconds=5)), str(timedelta(weeks=1)), repr(timedelta(seconds=0.5)))
print(td * 2, td / 2, td // 3, td / timedelta(hours=1), td // timedelta(hours=1), td % timedelta(hours=1))
print(-td, abs(-td), td + timedelta(1), timedelta(1) - td, divmod(td, timedelta(hours=7)))
print(timedelta(hours=1) * 1.5, timedelta(hours=1) / 3, timedelta(1) == timedelta(hours=24), bool(timedelta()))
print(timedelta(1) < timedelta(2), timedelta.max, timedelta.min, timedelta.resolution)
print(sorted([timedelta(3), timedelta(-1), timedelta(hours=1)]))
try:
    timedelta(days=10 ** 9)
except OverflowError as e:
    print('OverflowError', e)

d = date(2024, 2, 28)
print(repr(d), str(d), d + timedelta(1), d + timedelta(2), d - date(2023, 12, 25), d - timedelta(60))
print(d.weekday(), d.isoweekday(), d.toordinal(), date.fromordinal(738944), d.isocalendar(), tuple(d.isocalendar()))
print(d.isoformat(), date.fromisoformat('2021-12-31'), d.replace(day=1), d.ctime(), d.timetuple()[:8])
print(d.strftime('%Y/%m/%d %a %A %b %B %j %U %W %y %%'), format(d, '%d.%m.%Y'), f'{d}', f'{d:%b %d}')
print(d < date(2024, 3, 1), d == date(2024, 2, 28), hash(d) == hash(date(2024, 2, 28)), date.min, date.max)
print(date(2020, 12, 31).isocalendar(), date(2021, 1, 3).isocalendar(), date.fromisocalendar(2020, 53, 5))
for args in [(2024, 13, 1), (2024, 2, 30), (0, 1, 1), (10000, 1, 1), (2023, 2, 29)]:
    try:
        date(*args)
    except ValueError as e:
        print('ValueError', e)
for bad in ['2024-1-1', 'nope', '']:
    try:
        date.fromisoformat(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    date(2024.0, 1, 1)
except TypeError as e:
    print('TypeError', e)

dt = datetime(2024, 3, 10, 14, 5, 9, 123456)
print(repr(dt), str(dt), dt.isoformat(), dt.isoformat(' ', 'seconds'), dt.isoformat(timespec='milliseconds'))
print(repr(datetime(2024, 1, 1)), repr(datetime(2024, 1, 1, 12)), repr(datetime(2024, 1, 1, 0, 0, 5)))
print(dt.date(), dt.time(), repr(dt.time()), dt.timetuple()[:8], dt.weekday())
print(dt + timedelta(hours=12), dt - timedelta(days=10, microseconds=123456), dt - datetime(2024, 1, 1))
print(dt.strftime('%Y-%m-%d %H:%M:%S.%f %I%p %c | %x %X'), dt.replace(year=2000, microsecond=0))
print(datetime.fromisoformat('2024-03-10T14:05:09'), datetime.fromisoformat('2024-03-10 14:05:09.500000'))
print(repr(datetime.fromisoformat('2024-03-10T14:05:09+02:00')), datetime.fromisoformat('2024-03-10'))
print(datetime.combine(date(2024, 5, 6), time(7, 8)), datetime(2024, 1, 1) < dt, dt == datetime(2024, 3, 10, 14, 5, 9, 123456))
print(datetime.strptime('2024-03-10 14:05', '%Y-%m-%d %H:%M'), datetime.strptime('10/Mar/2024', '%d/%b/%Y'))
print(datetime.min, datetime.max, datetime(2024, 1, 1) == date(2024, 1, 1))

utc = timezone.utc
aware = datetime(2024, 3, 10, 12, 0, tzinfo=utc)
plus2 = timezone(timedelta(hours=2))
named = timezone(timedelta(hours=-5, minutes=-30), 'X')
print(repr(utc), str(utc), repr(plus2), str(plus2), repr(named), str(named), named.utcoffset(None))
print(repr(aware), aware, aware.isoformat(), aware.utcoffset(), aware.tzname(), aware.dst())
print(aware.astimezone(plus2), aware.astimezone(named), aware == aware.astimezone(plus2))
print(aware.timestamp(), datetime.fromtimestamp(1700000000, tz=utc), datetime.fromtimestamp(0, plus2))
print(datetime(2024, 3, 10, 14, tzinfo=plus2) - aware, aware.strftime('%Y %z %Z'), timezone(timedelta(0)) is utc)
print(dt_module.UTC is utc, MINYEAR, MAXYEAR, aware.replace(tzinfo=None), hash(aware) == hash(aware.astimezone(plus2)))
try:
    aware - dt
except TypeError as e:
    print('TypeError', e)
try:
    aware < dt
except TypeError as e:
    print('TypeError', e)
print(aware == dt)
for args in [(timedelta(hours=24),), ('x',)]:
    try:
        timezone(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
t = time(23, 59, 59, 999)
print(repr(t), t, t.isoformat('minutes'), repr(time()), time(1, 2, 3), time.fromisoformat('04:05:06.007'))
print(repr(time(12, 30, tzinfo=utc)), time(12, 30, tzinfo=plus2), t.strftime('%H-%M-%S %f'), t < time(23, 59, 59, 1000))
for args in [(24, 0), (0, 60), (0, 0, 60), (0, 0, 0, 10 ** 6)]:
    try:
        time(*args)
    except ValueError as e:
        print('ValueError', e)
now = datetime.now()
print(type(now).__name__, now.year >= 2024, isinstance(datetime.utcnow(), datetime), date.today().year >= 2024)
print(abs(datetime.now(utc) - datetime.now().astimezone(utc)) < timedelta(seconds=5))
print(datetime.fromtimestamp(1700000000).astimezone(utc) == datetime.fromtimestamp(1700000000, utc))
