// main.swift: the entry point of `extdemo`: runs the command line and exits with its status.
// SIGPIPE is ignored (as CPython does at start-up): a reader that goes away (`| head`) makes
// writes fail with EPIPE, which each command turns into a quiet exit, instead of killing the
// process with the signal.
import Foundation

signal(SIGPIPE, SIG_IGN)
exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
