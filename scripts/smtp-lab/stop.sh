#!/usr/bin/env bash
# stop.sh - stop every daemon that start.sh started (whole process groups,
# so Dovecot's and Postfix's children go too). Installed packages, configs,
# spools, logs and the certificate stay in $SMTP_LAB_DIR for the next start.
# Safe to run when nothing is running.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$HERE/common.sh"

main() {
  require_root
  if [[ ! -d $LAB ]]; then
    log "nothing to stop ($LAB does not exist)"
    return 0
  fi
  mkdir -p "$RUN_DIR"
  # Wait for a concurrent start.sh to finish before stopping.
  exec 9>"$LAB/.lock"
  flock -w 300 9 || die "another start.sh/stop.sh holds $LAB/.lock"

  local i s
  # Reverse start order: the MTAs first, Dovecot (their SASL/LMTP) last.
  for ((i = ${#LAB_SERVERS[@]} - 1; i >= 0; i--)); do
    s=${LAB_SERVERS[i]}
    stop_server "$s"
  done
  rm -f "$LAB/lab.env"
  log "stopped"
}

main "$@"
