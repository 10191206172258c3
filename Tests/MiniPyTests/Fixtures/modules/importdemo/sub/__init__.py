# A subpackage: `..` climbs to importdemo, `.` stays here.
from .. import VALUE
from ..mod import helper as h
from . import leaf
