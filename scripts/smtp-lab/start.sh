#!/usr/bin/env bash
# start.sh - install (if needed) and start the real-SMTP-server test lab on
# loopback high ports: Postfix + Dovecot (SASL, LMTP, submission, IMAP), Exim 4
# (heavy daemon) and OpenSMTPD 7.4. Debian 12, run as root, no systemd needed.
#
#   sudo scripts/smtp-lab/start.sh        # prints the path of lab.env last
#   SMTP_LAB_DIR=/somewhere scripts/smtp-lab/start.sh
#
# Idempotent: a second run finds the packages, the certificate and the
# running daemons in place and only re-checks that every port answers.
# A daemon whose generated configuration changed is restarted.
# See README.md next to this file for the port map and the lab.env keys.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$HERE/common.sh"

# Packages installed with apt. Exim and OpenSMTPD are not in this list: they
# conflict with postfix (mail-transport-agent), so their .debs are unpacked
# into $LAB/pkg and only their library dependencies are installed.
APT_PACKAGES=(openssl postfix dovecot-core dovecot-lmtpd dovecot-submissiond
  dovecot-imapd monitoring-plugins-basic)
DEB_DIR="$LAB/debs"
CERT="$LAB/tls/cert.pem"
KEY="$LAB/tls/key.pem"
EXIM_KEY="$LAB/tls/exim-key.pem" # same key, readable by Debian-exim
POLICY_RC=/usr/sbin/policy-rc.d
EXIM_TRUSTED_CONFIGS=/etc/exim4/trusted_configs
# Hard-wired in the OpenSMTPD binary; see ensure_opensmtpd_paths.
OPENSMTPD_SPOOL=/var/spool/smtpd
OPENSMTPD_CHROOT=/var/lib/opensmtpd/empty

declare -A CHANGED=() # server -> 1 when its configuration was (re)written
APT_UPDATED=""

# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------

# run_logged LOGNAME CMD... : run a command with its output appended to
# $LOG_DIR/LOGNAME; on failure show the tail of that log and exit.
run_logged() {
  local logfile="$LOG_DIR/$1"
  shift
  if ! "$@" </dev/null >>"$logfile" 2>&1; then
    tail -n 30 "$logfile" >&2 || true
    die "command failed: $* (log: $logfile)"
  fi
}

# render VAR... : copy stdin to stdout, replacing each @@VAR@@ by $VAR.
render() {
  local text var
  text=$(cat)
  for var in "$@"; do text=${text//@@$var@@/${!var}}; done
  printf '%s\n' "$text"
}

# update_file SERVER PATH MODE OWNER CONTENT : write CONTENT to PATH only if
# it differs; then mark SERVER's configuration as changed.
update_file() {
  local server=$1 path=$2 mode=$3 owner=$4 content=$5
  if [[ -f $path ]] && [[ $(<"$path") == "$content" ]]; then
    chmod "$mode" "$path"
    chown "$owner" "$path"
    return 0
  fi
  local tmp="$path.tmp.$$"
  printf '%s\n' "$content" >"$tmp"
  chmod "$mode" "$tmp"
  chown "$owner" "$tmp"
  mv -f "$tmp" "$path"
  CHANGED[$server]=1
}

# Make a directory with an owner and mode (idempotent).
mkdir_owned() {
  local dir=$1 owner=$2 mode=$3
  mkdir -p "$dir"
  chown "$owner" "$dir"
  chmod "$mode" "$dir"
}

# ---------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------

apt_update_once() {
  [[ -z $APT_UPDATED ]] || return 0
  log "apt-get update"
  run_logged apt.log apt-get update -q
  APT_UPDATED=1
}

# Print those of the named packages that are not installed.
missing_packages() {
  local pkg
  local -A installed=()
  # One dpkg-query for all (it skips unknown names, exiting non-zero).
  while read -r pkg; do installed[$pkg]=1; done < <(
    dpkg-query -W -f='${db:Status-Status} ${Package}\n' "$@" 2>/dev/null |
      sed -n 's/^installed //p' || true)
  for pkg in "$@"; do
    [[ -n ${installed[$pkg]:-} ]] || echo "$pkg"
  done
}

# Library dependencies of a .deb (first alternative, versions dropped). The
# packages themselves (exim4-base, debconf, adduser, ed) are not needed.
deb_library_deps() {
  dpkg-deb -f "$1" Depends Pre-Depends | tr ',' '\n' |
    sed -E 's/\|.*//; s/\(.*\)//; s/^[[:space:]]+//; s/[[:space:]]+$//' |
    grep -E '^(lib|zlib)' || true
}

# The Debian mirror the system already uses (for the throwaway backports list).
debian_mirror() {
  local uri=${SMTP_LAB_DEBIAN_MIRROR:-}
  if [[ -z $uri ]]; then
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      sed -nE 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p' | grep -v security | head -n1 || true)
  fi
  if [[ -z $uri ]]; then
    uri=$(sed -nE 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' \
      /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# exim4-daemon-heavy from the normal sources: `apt-get download` only.
fetch_exim_deb() {
  compgen -G "$DEB_DIR/exim4-daemon-heavy_*.deb" >/dev/null && return 0
  apt_update_once
  log "downloading exim4-daemon-heavy"
  (cd "$DEB_DIR" && run_logged apt.log apt-get -q -o APT::Sandbox::User=root download exim4-daemon-heavy)
}

# opensmtpd 7.4 from bookworm-backports (6.8 in bookworm fails every TLS
# handshake with OpenSSL 3). A throwaway sources list and list directory are
# passed on the command line; the system's apt configuration is not touched.
fetch_opensmtpd_deb() {
  compgen -G "$DEB_DIR/opensmtpd_7.*.deb" >/dev/null && return 0
  local codename bp="$LAB/apt/backports"
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  mkdir -p "$bp/lists/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) $codename-backports main" \
    >"$bp/sources.list"
  local -a opts=(-q -o "Dir::Etc::sourcelist=$bp/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$bp/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o APT::Sandbox::User=root)
  log "downloading opensmtpd from $codename-backports"
  run_logged apt.log apt-get "${opts[@]}" update
  (cd "$DEB_DIR" && run_logged apt.log apt-get "${opts[@]}" download opensmtpd)
  compgen -G "$DEB_DIR/opensmtpd_7.*.deb" >/dev/null || die "no opensmtpd 7.x found in $codename-backports"
}

# Run a command with service starts disabled (apt would otherwise try to
# start the system's Postfix/Dovecot on ports 25 and friends).
without_service_starts() {
  local created=0 rc=0
  if [[ ! -e $POLICY_RC ]]; then
    printf '#!/bin/sh\n# temporary, from smtp-lab/start.sh\nexit 101\n' >"$POLICY_RC"
    chmod 755 "$POLICY_RC"
    created=1
  fi
  "$@" || rc=$?
  ((created)) && rm -f "$POLICY_RC"
  return "$rc"
}

apt_install() {
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --no-upgrade "$@"
}

# Unpack a .deb into ROOT unless the same .deb is already unpacked there.
unpack_deb() {
  local deb=$1 root=$2
  if [[ -f $root/.unpacked-from && $(<"$root/.unpacked-from") == "$(basename "$deb")" ]]; then
    return 0
  fi
  log "unpacking $(basename "$deb")"
  rm -rf "$root"
  mkdir -p "$root"
  dpkg-deb -x "$deb" "$root"
  basename "$deb" >"$root/.unpacked-from"
}

ensure_packages() {
  mkdir -p "$DEB_DIR"
  fetch_exim_deb
  fetch_opensmtpd_deb
  local exim_deb smtpd_deb
  exim_deb=$(printf '%s\n' "$DEB_DIR"/exim4-daemon-heavy_*.deb | sort -V | tail -n1)
  smtpd_deb=$(printf '%s\n' "$DEB_DIR"/opensmtpd_7.*.deb | sort -V | tail -n1)

  local -a deps wanted missing
  mapfile -t deps < <(deb_library_deps "$exim_deb" && deb_library_deps "$smtpd_deb")
  mapfile -t wanted < <(printf '%s\n' "${APT_PACKAGES[@]}" "${deps[@]}" | sort -u)
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if ((${#missing[@]})); then
    apt_update_once
    log "apt-get install ${missing[*]}"
    run_logged apt.log without_service_starts apt_install "${missing[@]}"
  fi
  unpack_deb "$exim_deb" "$EXIM_ROOT"
  unpack_deb "$smtpd_deb" "$OPENSMTPD_ROOT"
  [[ -u $EXIM_BIN ]] || die "$EXIM_BIN lost its setuid bit (needed for delivery re-exec)"
}

# ---------------------------------------------------------------------------
# Users, directories, certificate
# ---------------------------------------------------------------------------

ensure_system_user() {
  local name=$1 home=$2
  getent group "$name" >/dev/null || groupadd --system "$name"
  getent passwd "$name" >/dev/null ||
    useradd --system --gid "$name" --home-dir "$home" --no-create-home \
      --shell /usr/sbin/nologin "$name"
}

ensure_users() {
  ensure_system_user "$LAB_MAIL_OWNER" /nonexistent # owns delivered mail
  ensure_system_user Debian-exim /var/spool/exim4   # Exim's compiled-in user
  ensure_system_user opensmtpd "$OPENSMTPD_CHROOT"  # OpenSMTPD privsep users
  ensure_system_user opensmtpq "$OPENSMTPD_CHROOT"
}

prepare_dirs() {
  mkdir_owned "$LAB" root:root 0755
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$LAB/tls" "$LAB/postfix/etc" "$LAB/dovecot" \
    "$LAB/exim" "$LAB/opensmtpd" "$LAB/pkg"
  chmod 0755 "$RUN_DIR" "$LOG_DIR" "$LAB/tls"
}

# Dirs that need the service users (created after ensure_users).
prepare_owned_dirs() {
  mkdir_owned "$LAB/mail" "$LAB_MAIL_OWNER:$LAB_MAIL_OWNER" 0700
  mkdir_owned "$LAB/exim/spool" Debian-exim:Debian-exim 0750
  mkdir_owned "$LOG_DIR/exim" Debian-exim:Debian-exim 0750
  mkdir_owned "$LAB/postfix/spool" root:root 0755 # `postfix check` fills it
  mkdir_owned "$LAB/postfix/data" postfix:postfix 0700
}

# Self-signed certificate for CN=localhost with SANs for both loopbacks.
# Regenerated only when missing or expiring within a day.
ensure_cert() {
  if [[ -s $CERT && -s $KEY ]] && openssl x509 -in "$CERT" -noout -checkend 86400 >/dev/null 2>&1; then
    :
  else
    log "creating self-signed certificate $CERT"
    local cnf="$LAB/tls/openssl.cnf"
    cat >"$cnf" <<'EOF'
[req]
distinguished_name = dn
x509_extensions = v3
prompt = no
[dn]
CN = localhost
[v3]
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
EOF
    run_logged openssl.log openssl req -x509 -config "$cnf" -newkey rsa:2048 -nodes -sha256 \
      -days 365 -keyout "$KEY.new" -out "$CERT.new"
    mv -f "$KEY.new" "$KEY"
    mv -f "$CERT.new" "$CERT"
    local s
    for s in "${LAB_SERVERS[@]}"; do CHANGED[$s]=1; done
  fi
  chmod 0600 "$KEY"
  chmod 0644 "$CERT"
  if ! cmp -s "$KEY" "$EXIM_KEY"; then cp "$KEY" "$EXIM_KEY"; fi
  chown Debian-exim:Debian-exim "$EXIM_KEY"
  chmod 0600 "$EXIM_KEY"
}

# ---------------------------------------------------------------------------
# Dovecot: SASL for Postfix, LMTP (delivery for every server), submission,
# IMAP (STARTTLS and IMAPS) reading the mailbox LMTP delivers to
# ---------------------------------------------------------------------------

configure_dovecot() {
  local dir="$LAB/dovecot" mail_uid dh=""
  mail_uid=$(id -u "$LAB_MAIL_OWNER")
  [[ -f /usr/share/dovecot/dh.pem ]] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
  update_file dovecot "$dir/users" 0640 root:dovecot \
    "$LAB_USER:{PLAIN}$LAB_PASSWORD"
  # shellcheck disable=SC2034 # used through render
  local DIR=$dir MAIL_UID=$mail_uid DH=$dh
  update_file dovecot "$dir/dovecot.conf" 0644 root:root "$(render \
    DIR LAB LOG_DIR CERT KEY DH MAIL_UID LAB_MAIL_OWNER DOVECOT_LMTP_PORT \
    DOVECOT_SUBMISSION_PORT POSTFIX_PLAIN_PORT DOVECOT_IMAP_PORT DOVECOT_IMAPS_PORT <<'EOF'
# Generated by scripts/smtp-lab/start.sh (rewritten when it changes); do not edit.
base_dir = @@DIR@@/run
state_dir = @@DIR@@/state
log_path = @@LOG_DIR@@/dovecot.log
protocols = lmtp submission imap
listen = 127.0.0.1, ::1
hostname = localhost
postmaster_address = postmaster@localhost

ssl = yes
ssl_cert = <@@CERT@@
ssl_key = <@@KEY@@
@@DH@@

# One virtual user; plaintext password so CRAM-MD5 works too.
auth_mechanisms = plain login cram-md5
disable_plaintext_auth = yes
auth_username_format = %Ln
auth_failure_delay = 0
auth_verbose = yes
passdb {
  driver = passwd-file
  args = @@DIR@@/users
}
userdb {
  driver = static
  args = uid=@@LAB_MAIL_OWNER@@ gid=@@LAB_MAIL_OWNER@@ home=@@LAB@@/mail/%n
}
first_valid_uid = @@MAIL_UID@@
mail_location = maildir:~/Maildir

# Submission relays accepted mail to Postfix's plain loopback listener.
submission_relay_host = 127.0.0.1
submission_relay_port = @@POSTFIX_PLAIN_PORT@@
submission_relay_ssl = no
submission_relay_trusted = no

# No login penalty for loopback after a failed AUTH (tests must not slow
# each other down).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service lmtp {
  inet_listener lmtp {
    port = @@DOVECOT_LMTP_PORT@@
  }
}
service submission-login {
  inet_listener submission {
    port = @@DOVECOT_SUBMISSION_PORT@@
  }
}
# IMAP reads the same users and mail_location that LMTP delivers to, so a
# message sent through any SMTP listener can be read back (delivery checks).
service imap-login {
  inet_listener imap {
    port = @@DOVECOT_IMAP_PORT@@
  }
  inet_listener imaps {
    port = @@DOVECOT_IMAPS_PORT@@
    ssl = yes
  }
}
EOF
  )"
}

start_dovecot() {
  run_logged dovecot.log doveconf -c "$LAB/dovecot/dovecot.conf" -n
  launch dovecot /usr/sbin/dovecot -F -c "$LAB/dovecot/dovecot.conf"
}

# ---------------------------------------------------------------------------
# Postfix: STARTTLS+AUTH, SMTPS+AUTH and plain listeners, each on 127.0.0.1
# and [::1]. Local mail for labuser goes to Dovecot LMTP; nothing else leaves.
# ---------------------------------------------------------------------------

# master.cf lines for one smtpd listener on both loopbacks.
postfix_listener() {
  local port=$1 name=$2 addr opt
  shift 2
  for addr in 127.0.0.1 '[::1]'; do
    printf '%s:%s inet n - n - - smtpd\n  -o syslog_name=postfix/%s\n' "$addr" "$port" "$name"
    for opt in "$@"; do printf '  -o %s\n' "$opt"; done
  done
}

configure_postfix() {
  local etc="$LAB/postfix/etc"
  # shellcheck disable=SC2034 # used through render
  local SASL_PATH="$LAB/dovecot/run/auth-postfix"
  update_file postfix "$etc/main.cf" 0644 root:root "$(render \
    LAB LOG_DIR CERT KEY SASL_PATH DOVECOT_LMTP_PORT LAB_USER <<'EOF'
# Generated by scripts/smtp-lab/start.sh (rewritten when it changes); do not edit.
compatibility_level = 3.6
queue_directory = @@LAB@@/postfix/spool
data_directory = @@LAB@@/postfix/data
maillog_file = @@LOG_DIR@@/postfix.log
maillog_file_prefixes = @@LAB@@, /var, /dev/stdout
mail_owner = postfix
setgid_group = postdrop

myhostname = localhost
mydomain = localdomain
myorigin = localhost
mydestination = localhost
inet_interfaces = loopback-only
inet_protocols = all
mynetworks =
smtpd_banner = $myhostname ESMTP Postfix (smtp-lab)
biff = no
append_dot_mydomain = no

# Only labuser@localhost is local; it is handed to Dovecot LMTP.
alias_maps =
alias_database =
local_recipient_maps = inline:{@@LAB_USER@@=ok}
local_transport = lmtp:inet:[127.0.0.1]:@@DOVECOT_LMTP_PORT@@
# Never talk to another host, never wait for DNS.
default_transport = error:smtp-lab never relays mail off this host
relay_transport = error:smtp-lab never relays mail off this host
smtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native
smtpd_peername_lookup = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination

# TLS and SASL (per-listener switches are in master.cf).
smtpd_tls_cert_file = @@CERT@@
smtpd_tls_key_file = @@KEY@@
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 1
smtpd_sasl_type = dovecot
smtpd_sasl_path = @@SASL_PATH@@
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
EOF
  )"
  local master
  master=$(
    cat <<'EOF'
# Generated by scripts/smtp-lab/start.sh (rewritten when it changes); do not edit.
# Listeners on loopback; no chroot (the init script's chroot files are absent).
# service type  private unpriv  chroot  wakeup  maxproc command + args
EOF
    postfix_listener "$POSTFIX_STARTTLS_PORT" starttls smtpd_tls_security_level=may smtpd_sasl_auth_enable=yes
    postfix_listener "$POSTFIX_SMTPS_PORT" smtps smtpd_tls_wrappermode=yes smtpd_sasl_auth_enable=yes
    postfix_listener "$POSTFIX_PLAIN_PORT" plain smtpd_tls_security_level=none smtpd_sasl_auth_enable=no
    cat <<'EOF'
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
tlsmgr     unix  -       -       n       1000?   1       tlsmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
proxywrite unix  -       -       n       -       1       proxymap
smtp       unix  -       -       n       -       -       smtp
relay      unix  -       -       n       -       -       smtp
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
local      unix  -       n       n       -       -       local
virtual    unix  -       n       n       -       -       virtual
lmtp       unix  -       -       n       -       -       lmtp
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF
  )
  update_file postfix "$etc/master.cf" 0644 root:root "$master"
}

start_postfix() {
  local etc="$LAB/postfix/etc"
  # `postfix check` creates the queue directories (needed once only).
  [[ -d $LAB/postfix/spool/active ]] || run_logged postfix.log postfix -c "$etc" check
  # The master daemonizes and calls setsid itself; keep our fds away from it.
  mark_log postfix
  setsid postfix -c "$etc" start </dev/null >>"$LOG_DIR/postfix.log" 2>&1 9>&- ||
    fail_server postfix "postfix start failed"
  local pid
  pid=$(head -n1 "$(server_pidfile postfix)" 2>/dev/null | tr -d ' ')
  pgid_of_pid "$pid" >"$RUN_DIR/postfix.pgid"
}

# ---------------------------------------------------------------------------
# Exim 4 (unpacked exim4-daemon-heavy): STARTTLS and SMTPS listeners,
# PLAIN/LOGIN/CRAM-MD5 advertised only once TLS is up.
# ---------------------------------------------------------------------------

configure_exim() {
  # shellcheck disable=SC2034 # used through render
  local CONF="$LAB/exim/exim.conf"
  update_file exim "$CONF" 0644 root:root "$(render \
    LAB LOG_DIR RUN_DIR EXIM_BIN CERT EXIM_KEY EXIM_STARTTLS_PORT EXIM_SMTPS_PORT \
    LAB_USER LAB_PASSWORD LAB_MAIL_OWNER <<'EOF'
# Generated by scripts/smtp-lab/start.sh (rewritten when it changes); do not edit.
exim_path = @@EXIM_BIN@@
spool_directory = @@LAB@@/exim/spool
log_file_path = @@LOG_DIR@@/exim/%slog
pid_file_path = @@RUN_DIR@@/exim.pid
keep_environment =

primary_hostname = localhost
qualify_domain = localhost
domainlist local_domains = localhost
local_interfaces = <; 127.0.0.1.@@EXIM_STARTTLS_PORT@@ ; ::1.@@EXIM_STARTTLS_PORT@@ ; \
                      127.0.0.1.@@EXIM_SMTPS_PORT@@ ; ::1.@@EXIM_SMTPS_PORT@@
tls_on_connect_ports = @@EXIM_SMTPS_PORT@@
# A busy port fails the start quickly (default: 9 retries, 30 s apart).
daemon_startup_retries = 2
daemon_startup_sleep = 1s
smtp_banner = $smtp_active_hostname ESMTP Exim $version_number (smtp-lab) $tod_full

tls_advertise_hosts = *
tls_certificate = @@CERT@@
tls_privatekey = @@EXIM_KEY@@
# AUTH only inside TLS (STARTTLS or tls_on_connect).
auth_advertise_hosts = ${if def:tls_in_cipher {*}{}}

# No reverse/ident lookups: loopback only, nothing may wait on DNS.
host_lookup =
rfc1413_hosts =
never_users = root
acl_smtp_rcpt = acl_check_rcpt

begin acl

acl_check_rcpt:
  accept  domains     = +local_domains
          local_parts = @@LAB_USER@@
  deny    message     = relay not permitted (smtp-lab accepts only @@LAB_USER@@@localhost)

begin routers

lab_user:
  driver = accept
  domains = +local_domains
  local_parts = @@LAB_USER@@
  transport = lab_mailbox

begin transports

lab_mailbox:
  driver = appendfile
  # Fixed name: a path built from $local_part would be tainted (refused).
  file = @@LAB@@/mail/exim-@@LAB_USER@@.mbox
  user = @@LAB_MAIL_OWNER@@
  group = @@LAB_MAIL_OWNER@@
  mode = 0600
  delivery_date_add
  envelope_to_add
  return_path_add

begin retry

*   *   F,2h,15m; G,16h,1h,1.5; F,4d,6h

begin authenticators

PLAIN:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = ${if and {{eq{$auth2}{@@LAB_USER@@}}{eq{$auth3}{@@LAB_PASSWORD@@}}}}
  server_set_id = $auth2

LOGIN:
  driver = plaintext
  public_name = LOGIN
  server_prompts = <| Username: | Password:
  server_condition = ${if and {{eq{$auth1}{@@LAB_USER@@}}{eq{$auth2}{@@LAB_PASSWORD@@}}}}
  server_set_id = $auth1

CRAM_MD5:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = ${if eq{$auth1}{@@LAB_USER@@}{@@LAB_PASSWORD@@}fail}
  server_set_id = $auth1
EOF
  )"
  trust_exim_config "$CONF"
}

# Exim keeps root privilege for -C only with configs listed in its
# compiled-in TRUSTED_CONFIG_LIST; add ours (only if missing).
trust_exim_config() {
  local conf=$1
  mkdir -p "$(dirname "$EXIM_TRUSTED_CONFIGS")"
  touch "$EXIM_TRUSTED_CONFIGS"
  grep -qxF "$conf" "$EXIM_TRUSTED_CONFIGS" || echo "$conf" >>"$EXIM_TRUSTED_CONFIGS"
  chown root:root "$EXIM_TRUSTED_CONFIGS"
  chmod 0644 "$EXIM_TRUSTED_CONFIGS"
}

start_exim() {
  local conf="$LAB/exim/exim.conf"
  run_logged exim.log "$EXIM_BIN" -C "$conf" -bV
  rm -f "$RUN_DIR/exim.pid"
  # -bdf: daemon in the foreground (we detach it); -q5m: retry deferrals.
  launch exim "$EXIM_BIN" -C "$conf" -bdf -q5m
}

# ---------------------------------------------------------------------------
# OpenSMTPD 7.4 (unpacked): STARTTLS, SMTPS and a strict listener
# (tls-require + auth). Mail for labuser is relayed to Dovecot LMTP.
# ---------------------------------------------------------------------------

# The binary has its spool and privsep chroot paths compiled in. The chroot
# is an empty directory; the spool is a symlink into the lab directory so
# the queue lives with the rest of the state. A real directory already
# there (someone else's OpenSMTPD) is left alone and used.
ensure_opensmtpd_paths() {
  mkdir_owned "$OPENSMTPD_CHROOT" root:root 0755
  mkdir_owned "$LAB/opensmtpd/spool" root:root 0711
  if [[ -L $OPENSMTPD_SPOOL || ! -e $OPENSMTPD_SPOOL ]]; then
    ln -sfn "$LAB/opensmtpd/spool" "$OPENSMTPD_SPOOL"
  else
    warn "$OPENSMTPD_SPOOL is a real directory; OpenSMTPD's queue stays there"
  fi
}

configure_opensmtpd() {
  local dir="$LAB/opensmtpd" hash
  ensure_opensmtpd_paths
  # A fixed salt keeps the file stable across runs (no needless restarts).
  hash=$(openssl passwd -6 -salt smtplabsalt "$LAB_PASSWORD")
  update_file opensmtpd "$dir/creds" 0600 root:root "$LAB_USER $hash"
  update_file opensmtpd "$dir/recipients" 0644 root:root "$LAB_USER@localhost"
  local listeners="" addr
  for addr in 127.0.0.1 ::1; do
    listeners+="listen on $addr port $OPENSMTPD_STARTTLS_PORT tls pki localhost hostname localhost auth-optional <lab_creds>"$'\n'
    listeners+="listen on $addr port $OPENSMTPD_SMTPS_PORT smtps pki localhost hostname localhost auth-optional <lab_creds>"$'\n'
    listeners+="listen on $addr port $OPENSMTPD_STRICT_PORT tls-require pki localhost hostname localhost auth <lab_creds>"$'\n'
  done
  # shellcheck disable=SC2034 # used through render
  local DIR=$dir LISTENERS=${listeners%$'\n'}
  update_file opensmtpd "$dir/smtpd.conf" 0644 root:root "$(render \
    DIR CERT KEY LISTENERS DOVECOT_LMTP_PORT <<'EOF'
# Generated by scripts/smtp-lab/start.sh (rewritten when it changes); do not edit.
pki localhost cert "@@CERT@@"
pki localhost key "@@KEY@@"
table lab_creds file:@@DIR@@/creds
table lab_rcpts file:@@DIR@@/recipients

# auth-optional: AUTH offered (after TLS) but not required;
# tls-require + auth: MAIL before STARTTLS and AUTH gets 530.
@@LISTENERS@@

action "lab_deliver" relay host lmtp://127.0.0.1:@@DOVECOT_LMTP_PORT@@
match from any for domain "localhost" rcpt-to <lab_rcpts> action "lab_deliver"
EOF
  )"
}

start_opensmtpd() {
  local conf="$LAB/opensmtpd/smtpd.conf"
  run_logged opensmtpd.log "$SMTPD_BIN" -n -f "$conf"
  # -d: stay in the foreground and log to stderr (there is no syslog here).
  launch opensmtpd "$SMTPD_BIN" -d -f "$conf"
}

# ---------------------------------------------------------------------------
# Starting and checking
# ---------------------------------------------------------------------------

# launch NAME CMD... : start a daemon in a new session, detached from our
# stdio (a CI pipe must never wait on it) and from our lock fd 9.
launch() {
  local name=$1
  shift
  mark_log "$name"
  setsid "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  local pid=$!
  # setsid does not fork here (a background job is not a group leader), so
  # the pid is the new session and process group; fall back to asking ps.
  local pgid
  sleep 0.05
  pgid=$(pgid_of_pid "$pid")
  echo "${pgid:-$pid}" >"$RUN_DIR/$name.pgid"
}

# Append a marker line to a server's log before each start, so a failure
# report can show just what the latest start wrote.
LOG_MARK="===== smtp-lab: starting"
mark_log() {
  printf '%s %s at %s =====\n' "$LOG_MARK" "$1" "$(date '+%F %T')" >>"$LOG_DIR/$1.log"
}

# Print the log lines that explain a server's failure, then exit.
fail_server() {
  local name=$1 msg=$2 f
  printf '[smtp-lab] ERROR: %s: %s\n' "$name" "$msg" >&2
  rm -f "$LAB/lab.env" # the lab is not (fully) up
  if [[ -s $LOG_DIR/$name.log ]]; then
    printf -- '----- %s since its last start (last 40 lines) -----\n' "$LOG_DIR/$name.log" >&2
    awk -v m="$LOG_MARK" 'index($0, m) == 1 { n = 0 } { line[n++] = $0 }
      END { for (i = (n > 40 ? n - 40 : 0); i < n; i++) print line[i] }' "$LOG_DIR/$name.log" >&2
  fi
  if [[ $name == exim ]]; then
    for f in "$LOG_DIR/exim/paniclog" "$LOG_DIR/exim/mainlog"; do
      [[ -s $f ]] || continue
      printf -- '----- tail of %s -----\n' "$f" >&2
      tail -n 15 "$f" >&2
    done
  fi
  exit 1
}

ensure_started() {
  local name=$1
  if server_running "$name"; then
    if [[ -z ${CHANGED[$name]:-} ]]; then
      log "$name already running"
      return 0
    fi
    log "$name configuration changed; restarting"
    stop_server "$name"
  fi
  log "starting $name"
  "start_$name"
}

# Every listener: "server mode port"; mode is plain (greeting in clear,
# STARTTLS or not), tls (implicit TLS), imap (IMAP greeting in clear) or
# imaps (IMAP over implicit TLS). Each is checked on both loopbacks.
LISTENERS=(
  "dovecot plain $DOVECOT_LMTP_PORT"
  "dovecot imap $DOVECOT_IMAP_PORT"
  "dovecot imaps $DOVECOT_IMAPS_PORT"
  "dovecot plain $DOVECOT_SUBMISSION_PORT"
  "postfix plain $POSTFIX_STARTTLS_PORT"
  "postfix tls $POSTFIX_SMTPS_PORT"
  "postfix plain $POSTFIX_PLAIN_PORT"
  "exim plain $EXIM_STARTTLS_PORT"
  "exim tls $EXIM_SMTPS_PORT"
  "opensmtpd plain $OPENSMTPD_STARTTLS_PORT"
  "opensmtpd tls $OPENSMTPD_SMTPS_PORT"
  "opensmtpd plain $OPENSMTPD_STRICT_PORT"
)

# --- a tiny SMTP client (bash /dev/tcp, or openssl s_client as a coproc) ---

# smtp_open MODE HOST PORT: MODE plain | tls | starttls. Sets SMTP_R/SMTP_W.
smtp_open() {
  local mode=$1 host=$2 port=$3 target
  SMTP_PID=""
  if [[ $mode == plain ]]; then
    exec {SMTP_FD}<>"/dev/tcp/$host/$port" || return 1
    SMTP_R=$SMTP_FD SMTP_W=$SMTP_FD
    return 0
  fi
  target="$host:$port"
  [[ $host == *:* ]] && target="[$host]:$port"
  local -a args=(s_client -quiet -connect "$target" -servername localhost)
  [[ $mode == starttls ]] && args+=(-starttls smtp -name localhost)
  coproc SMTP_CO { exec timeout 15 openssl "${args[@]}" 2>/dev/null 9>&-; }
  SMTP_R=${SMTP_CO[0]} SMTP_W=${SMTP_CO[1]} SMTP_PID=$SMTP_CO_PID
}

# Read one (possibly multi-line) reply; print its lines. Fails on timeout/EOF.
smtp_reply() {
  local line
  while IFS= read -r -t "${1:-10}" line <&"$SMTP_R" 2>/dev/null; do
    line=${line%$'\r'}
    printf '%s\n' "$line"
    [[ $line =~ ^[0-9]{3}([[:space:]]|$) ]] && return 0
  done
  return 1
}

# Write one command line. SIGPIPE is ignored meanwhile: a peer that has gone
# away must make the write fail, not kill this script. (No subshell here:
# bash closes coproc fds in subshells.)
smtp_send() {
  local rc=0
  trap '' PIPE
  printf '%s\r\n' "$1" 1>&"$SMTP_W" 2>/dev/null || rc=1
  trap - PIPE
  return "$rc"
}

smtp_close() {
  if [[ -n $SMTP_PID ]]; then
    kill "$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
  else
    exec {SMTP_FD}>&- || true
  fi
}

# Greeting check: prints the 220 line or fails.
smtp_greeting() {
  local mode=$1 host=$2 port=$3 reply
  smtp_open "$mode" "$host" "$port" 2>/dev/null || return 1
  reply=$(smtp_reply 5) || true
  smtp_send QUIT || true
  smtp_close
  [[ $reply == 220* ]] && printf '%s\n' "$reply"
}

# IMAP greeting check (mode imap or imaps): prints the "* OK" line or fails.
# The same transport as SMTP (plain /dev/tcp or s_client for implicit TLS).
imap_greeting() {
  local mode=$1 host=$2 port=$3 line=""
  local transport=plain
  [[ $mode == imaps ]] && transport=tls
  smtp_open "$transport" "$host" "$port" 2>/dev/null || return 1
  IFS= read -r -t 5 line <&"$SMTP_R" 2>/dev/null || true
  line=${line%$'\r'}
  smtp_send "a1 LOGOUT" || true
  smtp_close
  [[ $line == "* OK"* ]] && printf '%s\n' "$line"
}

# The greeting check that fits a listener's mode.
greets() {
  case $1 in
    imap | imaps) imap_greeting "$@" ;;
    *) smtp_greeting "$@" ;;
  esac
}

# Wait until every listener greets (220, or "* OK" for IMAP) on 127.0.0.1 and ::1.
wait_for_listeners() {
  local entry name mode port host deadline=$((SECONDS + 60))
  for entry in "${LISTENERS[@]}"; do
    read -r name mode port <<<"$entry"
    for host in "$LAB_HOST4" "$LAB_HOST6"; do
      until greets "$mode" "$host" "$port" >/dev/null; do
        server_running "$name" || fail_server "$name" "exited before $host port $port answered"
        ((SECONDS < deadline)) || fail_server "$name" "no greeting on $host port $port within 60 s"
        sleep 0.2
      done
    done
  done
  log "all ${#LISTENERS[@]} listeners greet on $LAB_HOST4 and $LAB_HOST6"
}

# AUTH mechanisms advertised after TLS, as a comma list (e.g. PLAIN,LOGIN).
probe_auth_mechanisms() {
  local mode=$1 port=$2 reply mechs
  smtp_open "$mode" "$LAB_HOST4" "$port" || return 1
  if [[ $mode == tls ]]; then
    # Implicit TLS: the greeting comes first.
    smtp_reply 10 >/dev/null || { smtp_close; return 1; }
  else
    # STARTTLS: s_client did greeting, EHLO and STARTTLS itself, but may
    # pass on the tail of the plaintext EHLO reply. Resynchronise with an
    # unknown command: everything up to its 5xx reply is stale.
    smtp_send "XSMTPLABSYNC"
    local r synced=0
    while r=$(smtp_reply 10); do
      if [[ ${r##*$'\n'} == 5* ]]; then synced=1 && break; fi
    done
    ((synced)) || { smtp_close; return 1; }
  fi
  smtp_send "EHLO smtp-lab-probe"
  reply=$(smtp_reply 10) || { smtp_close; return 1; }
  smtp_send QUIT || true
  smtp_reply 5 >/dev/null || true
  smtp_close
  mechs=$(printf '%s\n' "$reply" | sed -nE 's/^250[- ]AUTH[ =](.*)$/\1/p' | head -n1)
  mechs=$(echo "$mechs" | tr -s ' ' ',' | sed 's/,$//')
  [[ -n $mechs ]] || return 1
  echo "$mechs"
}

probe_all_mechanisms() {
  MECHS_POSTFIX=$(probe_auth_mechanisms tls "$POSTFIX_SMTPS_PORT") ||
    fail_server postfix "no AUTH advertised after TLS"
  MECHS_DOVECOT=$(probe_auth_mechanisms starttls "$DOVECOT_SUBMISSION_PORT") ||
    fail_server dovecot "no AUTH advertised after STARTTLS on submission"
  MECHS_EXIM=$(probe_auth_mechanisms tls "$EXIM_SMTPS_PORT") ||
    fail_server exim "no AUTH advertised after TLS"
  MECHS_OPENSMTPD=$(probe_auth_mechanisms tls "$OPENSMTPD_SMTPS_PORT") ||
    fail_server opensmtpd "no AUTH advertised after TLS"
}

# lab.env: plain KEY=VALUE lines for the Java tests (no quotes, no export).
write_lab_env() {
  local tmp="$LAB/lab.env.tmp.$$"
  cat >"$tmp" <<EOF
SMTP_LAB_HOST4=$LAB_HOST4
SMTP_LAB_HOST6=$LAB_HOST6
SMTP_LAB_CERT_PEM=$CERT
SMTP_LAB_USER=$LAB_USER
SMTP_LAB_PASSWORD=$LAB_PASSWORD
SMTP_LAB_POSTFIX_STARTTLS_PORT=$POSTFIX_STARTTLS_PORT
SMTP_LAB_POSTFIX_SMTPS_PORT=$POSTFIX_SMTPS_PORT
SMTP_LAB_POSTFIX_PLAIN_PORT=$POSTFIX_PLAIN_PORT
SMTP_LAB_DOVECOT_LMTP_PORT=$DOVECOT_LMTP_PORT
SMTP_LAB_DOVECOT_SUBMISSION_PORT=$DOVECOT_SUBMISSION_PORT
SMTP_LAB_DOVECOT_IMAP_PORT=$DOVECOT_IMAP_PORT
SMTP_LAB_DOVECOT_IMAPS_PORT=$DOVECOT_IMAPS_PORT
SMTP_LAB_EXIM_STARTTLS_PORT=$EXIM_STARTTLS_PORT
SMTP_LAB_EXIM_SMTPS_PORT=$EXIM_SMTPS_PORT
SMTP_LAB_OPENSMTPD_STARTTLS_PORT=$OPENSMTPD_STARTTLS_PORT
SMTP_LAB_OPENSMTPD_SMTPS_PORT=$OPENSMTPD_SMTPS_PORT
SMTP_LAB_OPENSMTPD_STRICT_PORT=$OPENSMTPD_STRICT_PORT
SMTP_LAB_POSTFIX_AUTH_MECHANISMS=$MECHS_POSTFIX
SMTP_LAB_DOVECOT_SUBMISSION_AUTH_MECHANISMS=$MECHS_DOVECOT
SMTP_LAB_EXIM_AUTH_MECHANISMS=$MECHS_EXIM
SMTP_LAB_OPENSMTPD_AUTH_MECHANISMS=$MECHS_OPENSMTPD
EOF
  chmod 0644 "$tmp"
  mv -f "$tmp" "$LAB/lab.env"
}

main() {
  require_root
  local t0=$SECONDS
  prepare_dirs
  # One start/stop at a time (fd 9 is closed for every daemon we launch).
  exec 9>"$LAB/.lock"
  flock -w 300 9 || die "another start.sh/stop.sh holds $LAB/.lock"

  ensure_packages
  ensure_users
  prepare_owned_dirs
  ensure_cert
  configure_dovecot
  configure_postfix
  configure_exim
  configure_opensmtpd

  local s
  for s in "${LAB_SERVERS[@]}"; do ensure_started "$s"; done
  wait_for_listeners
  probe_all_mechanisms
  write_lab_env
  log "ready after $((SECONDS - t0)) s; logs in $LOG_DIR"
  echo "$LAB/lab.env"
}

main "$@"
