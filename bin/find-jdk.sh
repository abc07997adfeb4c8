# Sourced by bin/test and bin/example: exports JAVA_HOME pointing at a JDK 21 or newer, or exits with a
# message that says what is missing. Looks at JAVA_HOME, then `java` on the PATH, then the usual install
# directories, and takes the newest JDK it finds there.

mh_jdk_major() { # prints the feature version of the JDK at $1 (e.g. 25), or nothing
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

mh_find_jdk() {
  local candidate major best="" best_major=0 seen=""
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    major=$(mh_jdk_major "$candidate")
    [ -n "$major" ] || continue
    seen="$seen $candidate ($major)"
    # JAVA_HOME, when it is recent enough, wins: the user chose it.
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
      best=$candidate; break
    fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "manager-handlers needs a JDK 21 or newer (Helidon 4 runs on virtual threads), and none was found." >&2
    echo "JDKs seen:${seen:- none}" >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

mh_find_jdk
