"""subprocess: running programs, for MiniPy.

Popen starts a program with posix.spawn (posix_spawnp in C) with its standard streams connected
as asked: inherited (None), a new pipe (PIPE), /dev/null (DEVNULL), stdout (STDOUT, for stderr), a
file descriptor or a file object. Every wait releases the GIL: posix.waitpid, posix.read on a pipe
and select.select all do, so other threads run while a child works. communicate() feeds input
and drains stdout and stderr together through select(), so no pipe can fill and deadlock.
run(), call(), check_call(), check_output(), getoutput() and getstatusoutput() are built on it;
CompletedProcess, CalledProcessError and TimeoutExpired print as CPython's do.

Not supported: preexec_fn, close_fds=False (every descriptor but 0/1/2 is closed in the child:
MiniPy opens them all close-on-exec), pass_fds, user/group, start_new_session, executable
without shell."""

import os
import posix
import select
import signal
import sys
import time

__all__ = ['Popen', 'PIPE', 'STDOUT', 'DEVNULL', 'call', 'check_call', 'check_output', 'getoutput',
           'getstatusoutput', 'run', 'CalledProcessError', 'SubprocessError', 'TimeoutExpired',
           'CompletedProcess']

PIPE = -1
STDOUT = -2
DEVNULL = -3

_CHUNK = 32768


class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    """Raised when run() with check=True, check_call() or check_output() sees a non-zero status."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            try:
                return "Command '%s' died with %r." % (self.cmd, signal.Signals(-self.returncode))
            except ValueError:
                return "Command '%s' died with unknown signal %d." % (self.cmd, -self.returncode)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, self.returncode)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class TimeoutExpired(SubprocessError):
    """Raised when a child does not finish within the timeout."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class CompletedProcess:
    """What run() returns: args, returncode, stdout and stderr (None when not captured)."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        args = ['args={!r}'.format(self.args), 'returncode={!r}'.format(self.returncode)]
        if self.stdout is not None:
            args.append('stdout={!r}'.format(self.stdout))
        if self.stderr is not None:
            args.append('stderr={!r}'.format(self.stderr))
        return "{}({})".format(type(self).__name__, ', '.join(args))

    def check_returncode(self):
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


class _PipeFile:
    """The parent's end of a pipe to or from the child: bytes, or text when encoding is set."""

    def __init__(self, fd, writing, encoding=None, errors=None):
        self._fd = fd
        self._writing = writing
        self.encoding = encoding
        self.errors = errors or 'strict'
        self._buffer = b''
        self.closed = False

    @property
    def mode(self):
        return ('w' if self._writing else 'r') + ('' if self.encoding else 'b')

    def fileno(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        return self._fd

    def _decode(self, data):
        if self.encoding is None:
            return data
        return data.decode(self.encoding, self.errors).replace('\r\n', '\n').replace('\r', '\n')

    def _check_readable(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        if self._writing:
            raise OSError('not readable')

    def read(self, size=-1):
        self._check_readable()
        chunks = [self._buffer]
        have = len(self._buffer)
        self._buffer = b''
        while size is None or size < 0 or have < size:
            data = posix.read(self._fd, _CHUNK if size is None or size < 0 else max(size - have, 1))
            if not data:
                break
            chunks.append(data)
            have += len(data)
        data = b''.join(chunks)
        if size is not None and size >= 0 and len(data) > size:
            data, self._buffer = data[:size], data[size:]
        return self._decode(data)

    def readline(self):
        self._check_readable()
        while b'\n' not in self._buffer:
            data = posix.read(self._fd, _CHUNK)
            if not data:
                break
            self._buffer += data
        end = self._buffer.find(b'\n')
        end = len(self._buffer) if end < 0 else end + 1
        line, self._buffer = self._buffer[:end], self._buffer[end:]
        return self._decode(line)

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        if not self._writing:
            raise OSError('not writable')
        raw = data.encode(self.encoding, self.errors) if self.encoding else bytes(data)
        view = raw
        while view:
            n = posix.write(self._fd, view)
            view = view[n:]
        return len(data)

    def flush(self):
        pass

    def close(self):
        if not self.closed:
            self.closed = True
            posix.close(self._fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return '<subprocess pipe fd=%d mode=%r>' % (self._fd, self.mode)


def _fd_of(stream):
    if isinstance(stream, int):
        return stream
    if hasattr(stream, 'flush'):
        stream.flush()
    return stream.fileno()


class Popen:
    """A child process: pid, args, returncode and, for PIPE streams, stdin/stdout/stderr."""

    def __init__(self, args, bufsize=-1, executable=None, stdin=None, stdout=None, stderr=None,
                 preexec_fn=None, close_fds=True, shell=False, cwd=None, env=None,
                 universal_newlines=None, startupinfo=None, creationflags=0, restore_signals=True,
                 start_new_session=False, pass_fds=(), *, user=None, group=None, extra_groups=None,
                 encoding=None, errors=None, text=None, umask=-1, pipesize=-1, process_group=None):
        if preexec_fn is not None:
            raise NotImplementedError('preexec_fn is not supported by MiniPy')
        if pass_fds:
            raise NotImplementedError('pass_fds is not supported by MiniPy')
        if universal_newlines is not None and text is not None and bool(universal_newlines) != bool(text):
            raise SubprocessError('Cannot disambiguate when both text and universal_newlines are supplied but '
                                  'different. Pass one or the other.')
        self.args = args
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None
        self.text_mode = bool(encoding or errors or text or universal_newlines)
        self.encoding = encoding or ('utf-8' if self.text_mode else None)
        self.errors = errors
        if isinstance(args, (str, bytes)) or hasattr(args, '__fspath__'):
            argv = [args]
        else:
            argv = list(args)
        if shell:
            argv = [executable or '/bin/sh', '-c'] + argv
        elif not argv:
            raise IndexError('list index out of range')
        argv = [a.decode() if isinstance(a, bytes) else os.fspath(a) for a in argv]
        if env is None:
            env = dict(os.environ)
        to_close = []      # the child's ends, closed in the parent after the spawn
        mine = []          # the parent's ends, closed if the spawn fails
        child = []
        try:
            for which, spec in enumerate((stdin, stdout, stderr)):
                if spec is None:
                    child.append(-1)
                elif spec == PIPE:
                    r, w = posix.pipe()
                    ours, theirs = (w, r) if which == 0 else (r, w)
                    mine.append(ours)
                    to_close.append(theirs)
                    child.append(theirs)
                    pipe = _PipeFile(ours, which == 0, self.encoding, errors)
                    if which == 0:
                        self.stdin = pipe
                    elif which == 1:
                        self.stdout = pipe
                    else:
                        self.stderr = pipe
                elif spec == DEVNULL:
                    fd = posix.open(os.devnull, posix.O_RDWR)
                    to_close.append(fd)
                    child.append(fd)
                elif spec == STDOUT:
                    if which != 2:
                        raise ValueError('STDOUT can only be used for stderr')
                    child.append(child[1] if child[1] >= 0 else 1)
                else:
                    child.append(_fd_of(spec))
            sys.stdout.flush()
            sys.stderr.flush()
            self.pid = posix.spawn(argv, env, cwd, child[0], child[1], child[2])
        except BaseException:
            for fd in mine:
                try:
                    posix.close(fd)
                except OSError:
                    pass
            raise
        finally:
            for fd in to_close:
                posix.close(fd)

    def __repr__(self):
        return '<Popen: returncode: {} args: {!r}>'.format(self.returncode, self.args)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        for stream in (self.stdout, self.stderr):
            if stream is not None:
                stream.close()
        try:
            if self.stdin is not None:
                self.stdin.close()
        finally:
            self.wait()

    def _record(self, status):
        self.returncode = posix.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self):
        """The exit code if the child has finished, else None (never waits)."""
        if self.returncode is None:
            pid, status = posix.waitpid(self.pid, posix.WNOHANG)
            if pid == self.pid:
                self._record(status)
        return self.returncode

    def wait(self, timeout=None):
        """Waits (the GIL released) for the child to end; TimeoutExpired after timeout seconds."""
        if self.returncode is not None:
            return self.returncode
        if timeout is None:
            pid, status = posix.waitpid(self.pid, 0)
            return self._record(status)
        deadline = time.monotonic() + timeout
        delay = 0.0005
        while self.poll() is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutExpired(self.args, timeout)
            time.sleep(min(delay, left, 0.05))
            delay *= 2
        return self.returncode

    def send_signal(self, sig):
        if self.returncode is None:
            self.poll()
        if self.returncode is None:
            posix.kill(self.pid, int(sig))

    def terminate(self):
        self.send_signal(signal.SIGTERM)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def communicate(self, input=None, timeout=None):
        """Sends input, reads stdout and stderr to their end, waits; returns (stdout, stderr)."""
        if input is not None and self.stdin is None:
            raise ValueError('Cannot send input after starting communication')
        deadline = None if timeout is None else time.monotonic() + timeout
        pending = getattr(self, '_partial', None) or {}
        self._partial = pending
        readers = {}
        for stream in (self.stdout, self.stderr):
            if stream is not None and not stream.closed:
                readers[stream.fileno()] = stream
                pending.setdefault(stream.fileno(), [stream._buffer])
                stream._buffer = b''
        data = b''
        if self.stdin is not None and not self.stdin.closed:
            if input:
                data = input.encode(self.encoding, self.errors or 'strict') if self.text_mode else bytes(input)
            if not data:
                self.stdin.close()
        writer = self.stdin if data else None
        while readers or writer is not None:
            wait = None
            if deadline is not None:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    self._timed_out(timeout, pending)
            wlist = [writer.fileno()] if writer is not None else []
            r, w, _ = select.select(list(readers), wlist, [], wait)
            if not r and not w and deadline is not None:
                self._timed_out(timeout, pending)
            if w:
                try:
                    n = posix.write(writer.fileno(), data[:512])
                except BrokenPipeError:
                    n = len(data)
                data = data[n:]
                if not data:
                    writer.close()
                    writer = None
            for fd in r:
                chunk = posix.read(fd, _CHUNK)
                if chunk:
                    pending[fd].append(chunk)
                else:
                    readers.pop(fd).close()
        out = self._collect(self.stdout, pending)
        err = self._collect(self.stderr, pending)
        self._partial = None
        if deadline is None:
            self.wait()
        else:
            self.wait(max(deadline - time.monotonic(), 0))
        return out, err

    def _collect(self, stream, pending):
        if stream is None:
            return None
        return stream._decode(b''.join(pending.get(stream._fd, [])))

    def _timed_out(self, timeout, pending):
        raise TimeoutExpired(self.args, timeout, self._collect(self.stdout, pending) if self.stdout else None,
                             self._collect(self.stderr, pending) if self.stderr else None)


def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs):
    """Runs a command, waits for it, returns a CompletedProcess (CalledProcessError with check)."""
    if input is not None:
        if kwargs.get('stdin') is not None:
            raise ValueError('stdin and input arguments may not both be used.')
        kwargs['stdin'] = PIPE
    if capture_output:
        if kwargs.get('stdout') is not None or kwargs.get('stderr') is not None:
            raise ValueError('stdout and stderr arguments may not be used with capture_output.')
        kwargs['stdout'] = PIPE
        kwargs['stderr'] = PIPE
    with Popen(*popenargs, **kwargs) as process:
        try:
            stdout, stderr = process.communicate(input, timeout=timeout)
        except TimeoutExpired as exc:
            process.kill()
            process.wait()
            raise
        except BaseException:
            process.kill()
            raise
        retcode = process.poll()
        if check and retcode:
            raise CalledProcessError(retcode, process.args, output=stdout, stderr=stderr)
    return CompletedProcess(process.args, retcode, stdout, stderr)


def call(*popenargs, timeout=None, **kwargs):
    """Runs a command and returns its exit code."""
    with Popen(*popenargs, **kwargs) as p:
        try:
            return p.wait(timeout=timeout)
        except BaseException:
            p.kill()
            raise


def check_call(*popenargs, **kwargs):
    """Runs a command; CalledProcessError unless it exits 0; returns 0."""
    retcode = call(*popenargs, **kwargs)
    if retcode:
        cmd = kwargs.get('args')
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(retcode, cmd)
    return 0


def check_output(*popenargs, timeout=None, **kwargs):
    """Runs a command and returns its output; CalledProcessError unless it exits 0."""
    if 'stdout' in kwargs:
        raise ValueError('stdout argument not allowed, it will be overridden.')
    if 'input' in kwargs and kwargs['input'] is None:
        kwargs['input'] = '' if kwargs.get('universal_newlines') or kwargs.get('text') or \
            kwargs.get('encoding') or kwargs.get('errors') else b''
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True, **kwargs).stdout


def getstatusoutput(cmd, *, encoding=None, errors=None):
    """(exit code, output without its trailing newline) of a shell command, stderr included."""
    try:
        data = check_output(cmd, shell=True, text=True, stderr=STDOUT, encoding=encoding, errors=errors)
        exitcode = 0
    except CalledProcessError as ex:
        data = ex.output
        exitcode = ex.returncode
    if data[-1:] == '\n':
        data = data[:-1]
    return exitcode, data


def getoutput(cmd, *, encoding=None, errors=None):
    """The output of a shell command, stderr included, without its trailing newline."""
    return getstatusoutput(cmd, encoding=encoding, errors=errors)[1]
