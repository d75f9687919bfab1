# apt_get ARGS...: apt-get as root (sudo when needed), non-interactive, that
# waits up to 10 minutes for another apt or dpkg instead of failing at once:
# a fresh machine often runs unattended upgrades when the scripts start.
# DPkg::Lock::Timeout makes install wait for the dpkg lock; apt-get update
# (apt 2.6, Debian 12) ignores it for /var/lib/apt/lists/lock, so a failure
# on a held lock is retried until the same deadline.
apt_get() {
  local sudo="" err rc deadline=$((SECONDS + 600))
  [ "$(id -u)" = 0 ] || sudo=sudo
  err=$(mktemp)
  while :; do
    rc=0
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 "$@" </dev/null 2>"$err" || rc=$?
    if [ "$rc" -ne 0 ] && grep -q 'Could not get lock' "$err" && [ "$SECONDS" -lt "$deadline" ]; then
      echo "apt-get $1: another apt holds the lock; waiting" >&2
      sleep 5
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return "$rc"
  done
}
