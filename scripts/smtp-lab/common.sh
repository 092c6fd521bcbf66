# shellcheck shell=bash disable=SC2034 # the settings are used by the sourcing scripts
# common.sh - settings and helpers shared by start.sh and stop.sh.
# Source it; do not run it. Everything here is read-only configuration
# plus small functions; nothing runs when the file is sourced.

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------

# One directory holds all lab state: configs, spools, logs, pid files, cert.
SMTP_LAB_DIR=${SMTP_LAB_DIR:-/var/tmp/smtp-lab}
case $SMTP_LAB_DIR in
  /*) ;;
  *) SMTP_LAB_DIR="$PWD/$SMTP_LAB_DIR" ;;
esac
SMTP_LAB_DIR=${SMTP_LAB_DIR%/}
LAB=$SMTP_LAB_DIR            # short alias used throughout the scripts
RUN_DIR="$LAB/run"           # our own process-group files (<server>.pgid)
LOG_DIR="$LAB/log"           # one log file per server

# The test account, valid on every listener that offers AUTH. "labuser" is a
# virtual user (Dovecot passwd-file, Exim authenticators, OpenSMTPD table);
# delivered mail is stored as the system account LAB_MAIL_OWNER.
# Keep the password free of characters special to Exim expansions ({}$\).
LAB_USER=labuser
LAB_PASSWORD=lab-Secret-42
LAB_MAIL_OWNER=smtplab

LAB_HOST4=127.0.0.1
LAB_HOST6=::1

# Fixed ports (10000-20000). Families: Dovecot 1002x/101xx/105xx/109xx,
# Postfix 10025/10026/10465, Exim 11xxx, OpenSMTPD 12xxx.
DOVECOT_LMTP_PORT=10024
DOVECOT_IMAP_PORT=10143  # IMAP with STARTTLS
DOVECOT_IMAPS_PORT=10993 # IMAP over implicit TLS
POSTFIX_STARTTLS_PORT=10025
POSTFIX_PLAIN_PORT=10026
POSTFIX_SMTPS_PORT=10465
DOVECOT_SUBMISSION_PORT=10587
EXIM_STARTTLS_PORT=11025
EXIM_SMTPS_PORT=11465
OPENSMTPD_STARTTLS_PORT=12025
OPENSMTPD_SMTPS_PORT=12465
OPENSMTPD_STRICT_PORT=12587

# Start order matters: Postfix uses Dovecot for SASL and LMTP delivery.
LAB_SERVERS=(dovecot postfix exim opensmtpd)

# Where the Exim and OpenSMTPD packages are unpacked (they conflict with
# postfix, so they are never installed with dpkg; see start.sh).
EXIM_ROOT="$LAB/pkg/exim4"
OPENSMTPD_ROOT="$LAB/pkg/opensmtpd"
EXIM_BIN="$EXIM_ROOT/usr/sbin/exim4"
SMTPD_BIN="$OPENSMTPD_ROOT/usr/sbin/smtpd"

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

log() { printf '[smtp-lab] %s\n' "$*"; }
warn() { printf '[smtp-lab] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[smtp-lab] ERROR: %s\n' "$*" >&2
  exit 1
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, binds as several users)"
}

# ---------------------------------------------------------------------------
# Process groups
#
# Every daemon runs in its own session/process group (started with setsid,
# or it calls setsid itself like the Postfix master). We remember the group id
# in $RUN_DIR/<server>.pgid and also look at the daemon's own pid file, so a
# stop works even when one of the two is missing.
# ---------------------------------------------------------------------------

# The daemon's own pid file, if it writes one.
server_pidfile() {
  case $1 in
    postfix) echo "$LAB/postfix/spool/pid/master.pid" ;;
    dovecot) echo "$LAB/dovecot/run/master.pid" ;;
    exim) echo "$RUN_DIR/exim.pid" ;;
    *) echo "" ;;
  esac
}

# Process group id of a live pid, or nothing.
pgid_of_pid() {
  local pid=$1
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true
}

# True if the number names a live process group we may signal (never 0/1,
# never our own group). Zombies do not count: daemons are reparented to
# PID 1, which may take a while to reap them after they exit.
group_alive() {
  local g=$1 own
  [[ $g =~ ^[0-9]+$ ]] && ((g > 1)) || return 1
  own=$(ps -o pgid= -p $$ | tr -d ' ')
  [[ $g != "$own" ]] || return 1
  ps -e -o pgid=,stat= | awk -v g="$g" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# A string found in the command line of the server's main process, so a
# stale pid file or pgid whose number was reused is never signalled.
server_signature() {
  case $1 in
    postfix) echo "postfix/sbin/master" ;; # its pid file is in our spool
    dovecot) echo "$LAB/dovecot/dovecot.conf" ;;
    exim) echo "$LAB/exim/exim.conf" ;;
    opensmtpd) echo "$LAB/opensmtpd/smtpd.conf" ;;
  esac
}

# pid_is_server NAME PID: PID is alive and runs NAME's main process.
pid_is_server() {
  local args
  args=$(ps -o stat=,args= -p "$2" 2>/dev/null) || return 1
  [[ $args != Z* && $args == *"$(server_signature "$1")"* ]]
}

# Print the live process groups belonging to a server (0, 1 or 2 lines):
# the one recorded at launch, and the one of the pid in the server's own
# pid file. A recorded group whose leader has exited still counts (its
# number cannot be reused while members remain, e.g. Dovecot children).
server_groups() {
  local name=$1 g pidfile pid
  local -a seen=()
  if [[ -f $RUN_DIR/$name.pgid ]]; then
    g=$(<"$RUN_DIR/$name.pgid")
    if group_alive "$g"; then
      if pid_is_server "$name" "$g" || ! ps -p "$g" >/dev/null 2>&1; then
        seen+=("$g")
      fi
    fi
  fi
  pidfile=$(server_pidfile "$name")
  if [[ -n $pidfile && -f $pidfile ]]; then
    pid=$(head -n1 "$pidfile" | tr -d ' ')
    if [[ $pid =~ ^[0-9]+$ ]] && pid_is_server "$name" "$pid"; then
      g=$(pgid_of_pid "$pid")
      if [[ -n $g ]] && group_alive "$g" && [[ " ${seen[*]} " != *" $g "* ]]; then
        seen+=("$g")
      fi
    fi
  fi
  ((${#seen[@]})) && printf '%s\n' "${seen[@]}"
  return 0
}

server_running() {
  [[ -n $(server_groups "$1") ]]
}

# TERM the whole process group(s) of a server, wait up to 10 s, then KILL.
stop_server() {
  local name=$1 g i
  local -a groups
  mapfile -t groups < <(server_groups "$name")
  if ((${#groups[@]} == 0)); then
    forget_server "$name"
    return 0
  fi
  log "stopping $name (process group ${groups[*]})"
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    local alive=0
    for g in "${groups[@]}"; do group_alive "$g" && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for g in "${groups[@]}"; do
    if group_alive "$g"; then
      warn "$name group $g ignored SIGTERM; sending SIGKILL"
      kill -KILL -- "-$g" 2>/dev/null || true
    fi
  done
  forget_server "$name"
}

# Remove the pgid file and pid files we own (Postfix and Dovecot manage theirs).
forget_server() {
  local pidfile
  rm -f "$RUN_DIR/$1.pgid"
  pidfile=$(server_pidfile "$1")
  [[ $pidfile != "$RUN_DIR"/* ]] || rm -f "$pidfile"
}
