# Sourced by the set-up scripts: makes sure the Debian packages a step needs are installed.
# As root it installs what is missing; otherwise it prints the exact command and stops.
need_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing packages; run:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# Java 17 and Maven build srt; bubblewrap and socat run sandboxes; libseccomp is the reference
# the seccomp back-end is tested against and linux-libc-dev holds the kernel's syscall tables;
# curl and python3 are the programs the tests sandbox.
BUILD_PACKAGES=(openjdk-17-jdk-headless maven)
RUN_PACKAGES=(bubblewrap socat)
TEST_PACKAGES=(libseccomp2 linux-libc-dev curl python3 util-linux passwd procps)
