// extdemo: command-line entry point (placeholder until the CLI lands).
import MiniKit
print("extdemo: under construction")
