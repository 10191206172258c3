# os.path (posixpath): join/split/splitext/normpath/relpath/abspath and argument errors.
import os.path
import posixpath
import os
print(os.path.join('a', 'b', 'c'), os.path.join('/x', '/y', 'z'), os.path.split('/a/b/c.txt'))
print(os.path.splitext('archive.tar.gz'), os.path.splitext('.bashrc'), os.path.basename('/a/b/'), os.path.dirname('/a/b/c'))
print(os.path.normpath('/a//b/./c/../d/'), os.path.normpath(''), os.path.isabs('/x'), os.path.relpath('/a/b/c', '/a/d'))
print(os.path.abspath('/x/../y'), os.path.commonprefix(['/usr/lib', '/usr/local']), os.path.expanduser('~') == os.environ['HOME'])
print(os.path is posixpath, posixpath.sep)
try:
    os.path.join('a', 5)
except TypeError as e:
    print('TypeError', e)
