// main.swift: the entry point of `extdemo`: runs the command line and exits with its status.
import Foundation

exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
