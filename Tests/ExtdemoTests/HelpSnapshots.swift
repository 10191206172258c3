// HelpSnapshots.swift: the expected `--help` text of extdemo and of each subcommand. A change to
// a help text must be made here too, deliberately: the CLI tests compare the output exactly.

enum HelpSnapshots {
    static let all: [([String], String)] = [
        (["--help"], top),
        (["matmul", "--help"], matmul),
        (["hash", "--help"], hash),
        (["sha256sum", "--help"], sha256sum),
        (["countdown", "--help"], countdown),
        (["bench", "--help"], bench),
    ]

    static let top = #"""
        Usage: extdemo <command> [options]

        Shows what a GIL does, with numbers: C extensions called from many threads through a
        miniature CPython-style C API, with the lock held or released around their kernels.

        Commands:
          matmul     multiply matrices on N threads, the GIL held or released
          hash       SHA-256 a buffer on N threads, the GIL held or released
          sha256sum  print SHA-256 checksums of files, hashed in parallel (like coreutils)
          countdown  the classic GIL proof: a CPU-bound loop split over N threads
          bench      measure every goal against CPython, numpy and hashlib in one run
          race       the race the GIL prevents (refcounts) and one it does not (counter += 1)
          compare    run one script sequentially, on threads, on processes and free-threaded; compare
          convoy     the convoy effect: an I/O thread beside CPU-bound threads, per GIL policy
          advise     run a script with the GIL recorded and say whether threads will help
          run        run a Python script with the MiniPy interpreter (like python3 FILE.py)
          dis        show the bytecode of a script, marking where the GIL can change hands
          build-ext  compile your own C extension (FILE.c -> NAME.so) against the kit's headers
          stress     many threads mixing every way of using the lock, with a deadlock watchdog

        Options:
          -h, --help     show this help (or a command's, after its name)
          --version      print the version
          --gil on|off|auto
                         after a command's name: run with the GIL (on, the default) or
                         free-threaded (off: no GIL at all; auto: until an extension that has
                         not declared Mini_MOD_GIL_NOT_USED is imported). Also EXTDEMO_GIL=1|0|auto.

        Run 'extdemo <command> --help' for a command's options.

        """#

    static let matmul = #"""
        Usage: extdemo matmul [--threads N] [--size N] [--tasks T] [--repeat R] [--mode MODE]
                              [--switch-interval MS] [--json]

        Multiplies pairs of random square float64 matrices with the matmul extension, --tasks
        products spread over --threads OS threads. Each thread has its own thread state and takes
        the GIL before it calls matmul.matmul(a, b, release=...), exactly as an interpreted thread
        would. Every result is verified against the sequential run (and that run against an
        independent check).

        Modes:
          sequential   one thread runs every task: the baseline (always run)
          held         N threads; the kernel keeps the GIL (release=False): they take turns
          released     N threads; the kernel runs without the GIL (release=True): in parallel
          interpreted  N threads run a pure MiniPy triple loop (at most 64x64, compared by GFLOPS)
          processes    N worker processes (this binary), one runtime and GIL each; inputs and
                       results cross pipes; spawn and transfer costs are reported apart
          raw          the kernel on plain pthreads, no runtime and no lock: the physical limit
          all          all of the above (default)
          free-threaded  (only when named) the held run again in a child started with --gil off:
                       no GIL, so the kernels run at once even without releasing it

        Options:
          --threads N            worker threads (default: the number of cores)
          --size N               rows and columns of each matrix (default: 1024)
          --tasks T              multiplications per run (default: N, one per thread)
          --repeat R             run every mode R times and keep its fastest run (default: as
                                 many as fit in about 3 s, at most 5)
          --mode MODE            sequential, held, released, interpreted, processes, raw or all; a comma-separated list is fine
          --switch-interval MS   the GIL switch interval in milliseconds (default: 5)
          --json                 print one JSON object instead of the table
          --stats                exact GIL statistics after the run (stderr; in the JSON with --json)
          --trace FILE.json      write a Chrome/Perfetto trace of every GIL transition
          --timeline FILE.svg    draw the threads' lock states as an SVG; '-' draws them in the terminal
          --gil-policy POLICY    cpython (default), ticks[:N] (pre-3.2: release every N check points),
                                 or prompt (a thread back from a blocking call is served at once, within
                                 a budget that leaves CPU-bound threads >= 90% of the lock)
          -h, --help             show this help

        """#

    static let hash = #"""
        Usage: extdemo hash [--threads N] [--bytes SIZE] [--tasks T] [--repeat R] [--mode MODE]
                            [--switch-interval MS] [--json]

        Hashes a buffer of --bytes bytes --tasks times with hashing.sha256(data, release=...),
        spread over --threads OS threads, each with its own thread state, taking the GIL before each
        call. Every digest is verified against the SHA-256 kernel called directly.

        Modes:
          sequential   one thread runs every task: the baseline (always run)
          held         N threads; the kernel keeps the GIL (release=False): they take turns
          released     N threads; the kernel runs without the GIL (release=True): in parallel
          processes    N worker processes (this binary), one runtime and GIL each; inputs and
                       results cross pipes; spawn and transfer costs are reported apart
          raw          the kernel on plain pthreads, no runtime and no lock: the physical limit
          all          all of the above (default)

        Options:
          --threads N            worker threads (default: the number of cores)
          --bytes SIZE           bytes per task, e.g. 4096, 64KiB, 16MiB, 1GiB (default: 64MiB)
          --tasks T              hashes per run (default: N, one per thread)
          --repeat R             run every mode R times and keep its fastest run (default: as
                                 many as fit in about 3 s, at most 5)
          --mode MODE            sequential, held, released, processes, raw or all; a comma-separated list is fine
          --switch-interval MS   the GIL switch interval in milliseconds (default: 5)
          --json                 print one JSON object instead of the table
          --stats                exact GIL statistics after the run (stderr; in the JSON with --json)
          --trace FILE.json      write a Chrome/Perfetto trace of every GIL transition
          --timeline FILE.svg    draw the threads' lock states as an SVG; '-' draws them in the terminal
          --gil-policy POLICY    cpython (default), ticks[:N] (pre-3.2: release every N check points),
                                 or prompt (a thread back from a blocking call is served at once, within
                                 a budget that leaves CPU-bound threads >= 90% of the lock)
          -h, --help             show this help

        """#

    static let sha256sum = #"""
        Usage: extdemo sha256sum [OPTION]... [FILE]...
        Print or check SHA256 (256-bit) checksums, as coreutils sha256sum does (same output,
        messages and exit statuses); files are hashed concurrently on N threads, each streaming its
        file through hashing.sha256_hasher() with the GIL released around reading and hashing.

        With no FILE, or when FILE is -, read standard input.
          -b, --binary          read in binary mode
          -c, --check           read checksums from the FILEs and check them
              --tag             create a BSD-style checksum
          -t, --text            read in text mode (default)
          -z, --zero            end each output line with NUL, not newline,
                                  and disable file name escaping

        The following five options are useful only when verifying checksums:
              --ignore-missing  don't fail or report status for missing files
              --quiet           don't print OK for each successfully verified file
              --status          don't output anything, status code shows success
              --strict          exit non-zero for improperly formatted checksum lines
          -w, --warn            warn about improperly formatted checksum lines

              --threads N       threads hashing files at once (default: the number of cores)
          -h, --help            show this help

        Exit status: 0 success; 1 a file could not be read, a checksum did not match, a bad
        option (coreutils' rule), or a write error.

        """#

    static let countdown = #"""
        Usage: extdemo countdown [--threads N] [--count N] [--repeat R] [--mode MODE]
                                 [--switch-interval MS] [--json]

        Runs `while n > 0: n -= 1` for --count iterations, first on one thread, then split evenly
        over --threads threads. The loop (cloop.countdown, a C loop that works like bytecode: boxed ints, an
        eval-breaker poll per iteration) holds the GIL, so the threads take turns: expect about 1.0x,
        and see the lock change hands at every switch interval.

        Modes:
          sequential   one thread counts everything: the baseline (always run)
          held         N threads each count their share, holding the GIL as bytecode does
          interpreted  the loop as real MiniPy bytecode on N threads (threading.Thread; at most
                       2000000 iterations, compared by iterations/s)
          processes    N worker processes (this binary), each counting its share with cloop under
                       its own runtime and GIL; spawn and transfer costs are reported apart
          raw          the loop on a machine integer on plain pthreads: no runtime, no lock
          all          all of the above (default)
          free-threaded  (only when named) the held run again in a child started with --gil off:
                       no GIL, so the threads count at once

        Options:
          --threads N            threads (default: 2)
          --count N              the total count, split evenly over the threads (default: 20000000)
          --repeat R             run every mode R times and keep its fastest run (default: as
                                 many as fit in about 3 s, at most 5)
          --mode MODE            sequential, held, interpreted, processes, raw, all or
                                 free-threaded (comma-separated)
          --switch-interval MS   the GIL switch interval in milliseconds (default: 5)
          --json                 print one JSON object instead of the table
          --stats                exact GIL statistics after the run (stderr; in the JSON with --json)
          --trace FILE.json      write a Chrome/Perfetto trace of every GIL transition
          --timeline FILE.svg    draw the threads' lock states as an SVG; '-' draws them in the terminal
          --gil-policy POLICY    cpython (default), ticks[:N] (pre-3.2: release every N check points),
                                 or prompt (a thread back from a blocking call is served at once, within
                                 a budget that leaves CPU-bound threads >= 90% of the lock)
          -h, --help             show this help

        """#

    static let bench = #"""
        Usage: extdemo bench [--quick] [--json]
               extdemo bench --suite python [--quick] [--json] [--only PROGRAMS] [--ab]
               extdemo bench --suite python --write-programs DIR
               extdemo bench --suite python --list [--only PROGRAMS]

        Measures the kit's performance goals in one run, next to their anchors measured on this
        machine now (and the convoy's goals: `extdemo convoy` at one CPU thread, cpython and prompt):
        CPython's own BEGIN/END_ALLOW_THREADS pair and C-kernel speedups (built from
        ../shared/anchors/anchorext.c, or $EXTDEMO_ANCHORS), numpy/OpenBLAS matmul on one thread and
        hashlib SHA-256, all through python3 when it is installed (a note says what is missing
        otherwise). Prints each figure, its anchor, the ratio, the goal and PASS or MISS.

        With --suite python it runs real Python programs instead: the kit's own (OO, constraint
        graphs, floats, recursion, generators, dict/str) and pyperformance's pure-Python programs
        when Scripts/fetch_pyperformance.sh has put them in Benchmarks/pyperformance (or
        $EXTDEMO_PYPERFORMANCE), each under MiniPy and python3 in the same run, timed by the kit's
        pyperf stand-in; prints each program's time ratio, their geometric mean (goal <= 1.0x,
        no program above 1.5x), which programs MiniPy cannot run yet and why, and the interpreter
        rows (countdown, pure-Python matmul, 2/8 threads). A pyperformance folder runs once per
        benchmark its pyproject.toml and bm_*.toml files describe, with their extra_opts (argparse's
        many_optionals and subparsers, async_tree's variants); variants needing Python > 3.11 are
        left out.

        Options:
          --quick               shorter runs (noisier figures)
          --json                print one JSON object instead of the table
          --suite python        the Python program suite (see above)
          --only PROGRAMS       comma-separated program names (kit_float, richards or bm_richards)
          --ab                  also run MiniPy with its inline caches off (MINIPY_SPECIALIZE=0): A/B
          --write-programs DIR  write the suite's own programs and pyperf stand-in to DIR and exit
          --list                print the programs the suite would run, with their arguments, and exit
          -h, --help            show this help

        """#
}
