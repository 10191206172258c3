# A circular import that works: b only needs the module object, not its names.
import importcirc.ok_b
A = 'a done'
