#!/usr/bin/env bash
# Runs every smtp-health benchmark and writes BENCHMARKS.md at the root of the repository.
#
#   bash benchmarks/run.sh                 # the real run (about 10 minutes)
#   bash benchmarks/run.sh --profile=quick # smoke test of the harness: numbers mean nothing
#   WAIT_FOR_QUIET=1 bash benchmarks/run.sh  # first wait (up to 60 min) for a 1-minute load below 1.5
#
# Other options go to io.github.smtphealth.benchmarks.RunBenchmarks: --only=a,c,d,e,f,g,h, --out=FILE,
# --sample-jar=JAR, --check-smtp=PATH, --smtp-check-jar=JAR, --work=DIR, --analysis=FILE.
#
# benchmarks/ANALYSIS.md (hand-written: why a target is missed, what would close it) is included in
# BENCHMARKS.md as it is; update it when the numbers change.
#
# Needs: JDK 17+, Maven, python3 (benchmarks/spawn.py starts every measured process), check_smtp
# (Debian: monitoring-plugins-basic). The lab's Postfix
# (scripts/smtp-lab/start.sh) is used when /var/tmp/smtp-lab/lab.env exists; without it only the
# in-process server is measured.
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ "${WAIT_FOR_QUIET:-0}" == 1 ]]; then
  for _ in $(seq 60); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l < 1.5) }'; then
      break
    fi
    echo "==> load $load: waiting for a quiet machine"
    sleep 60
  done
fi

echo "==> building the benchmarks, the sample application and smtp-check (tests not compiled)"
mvn -B -q -pl benchmarks,sample-app,smtp-health-cli -am package -Dmaven.test.skip=true

classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)"
mkdir -p benchmarks/target/run
# A copy, so that another build of sample-app during the run cannot pull the jar from under it.
cp sample-app/target/sample-app.jar benchmarks/target/run/sample-app.jar
# smtp-check is installed the way README.md says: the jar copied, its CDS archive made where it lies.
cp -p smtp-health-cli/target/smtp-check.jar benchmarks/target/run/smtp-check.jar
rm -f benchmarks/target/run/smtp-check.jsa
java -XX:ArchiveClassesAtExit=benchmarks/target/run/smtp-check.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp benchmarks/target/run/smtp-check.jar io.github.smtphealth.cli.CdsTraining
args=(--sample-jar=benchmarks/target/run/sample-app.jar --smtp-check-jar=benchmarks/target/run/smtp-check.jar "$@")
if [[ -f benchmarks/ANALYSIS.md ]]; then
  args=(--analysis=benchmarks/ANALYSIS.md "${args[@]}")
fi
java -Xmx1g -cp "$classpath" io.github.smtphealth.benchmarks.RunBenchmarks "${args[@]}" \
  2>&1 | tee benchmarks/target/run/run.log
