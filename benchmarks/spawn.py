#!/usr/bin/env python3
"""The light native spawner of the benchmarks: starts commands the way a monitoring system does.

A JVM's ProcessBuilder adds several milliseconds to every process it starts; this starts each one
with os.posix_spawn (vfork + exec in glibc) and waits with os.waitpid, timing exactly that on a
monotonic clock. Python's own start-up happens once, before any measurement.

    python3 spawn.py ROUNDS PER_ROUND SPEC

SPEC is a file of commands, one per line: NAME<TAB>EXPECTED_EXIT<TAB>ARG<TAB>ARG... The rounds are
interleaved (every command PER_ROUND times, then the next command, then the next round), so that
drift in the machine's load hits every command alike. Standard output and error go to /dev/null.
Prints one line per command: NAME<TAB>ns,ns,... (every run, in order). Exits 1, naming the command,
if a run ends with another exit code than expected.
"""
import os
import sys
import time


def main():
    rounds, per_round, spec = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    commands = []
    with open(spec, encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 3:
                commands.append((fields[0], int(fields[1]), fields[2:]))
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    environment = dict(os.environ)
    times = {name: [] for name, _, _ in commands}
    for _ in range(rounds):
        for name, expected, argv in commands:
            for _ in range(per_round):
                start = time.perf_counter_ns()
                pid = os.posix_spawnp(argv[0], argv, environment, file_actions=actions)
                _, status = os.waitpid(pid, 0)
                elapsed = time.perf_counter_ns() - start
                code = os.waitstatus_to_exitcode(status)
                if code != expected:
                    print(f"{name} exited with {code}, expected {expected}", file=sys.stderr)
                    sys.exit(1)
                times[name].append(elapsed)
    for name, samples in times.items():
        print(name + "\t" + ",".join(str(sample) for sample in samples))


if __name__ == "__main__":
    main()
