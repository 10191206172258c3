# datetime's pickled forms: date, datetime and time pickle as CPython's C classes do (their
# fields packed in bytes, fold in the high bit, tzinfo beside), byte for byte, and read back equal.
import datetime, pickle
tz = datetime.timezone(datetime.timedelta(hours=2), "X")
for o in (datetime.date(1980,5,7), datetime.date(1,1,1), datetime.datetime(2020,1,2,3,4,5,67890), datetime.datetime(2020,1,2,3,4,5,6, tzinfo=tz, fold=1),
          datetime.time(1,2,3), datetime.time(23,59,59,999999, tzinfo=tz, fold=1), datetime.timedelta(1,2,3)):
    for proto in (4, 5):
        d = pickle.dumps(o, proto)
        b = pickle.loads(d)
        print(d.hex(), b == o, repr(b), getattr(b, "fold", None))
