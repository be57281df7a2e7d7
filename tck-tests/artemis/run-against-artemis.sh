#!/usr/bin/env bash
# Runs the conformance suite against an embedded ActiveMQ Artemis broker instead of Tally, to check that the suite
# tests the specification. Not part of the build. Usage, from the repository root:
#   tck-tests/artemis/run-against-artemis.sh --select-package org.tallymq.tck.ch06
#   tck-tests/artemis/run-against-artemis.sh --select-package org.tallymq.tck      (everything)
# Tests tagged "should" or "beyond-spec" may fail on a conforming provider; add --exclude-tag should
# --exclude-tag beyond-spec to leave them out.
set -euo pipefail
ARTEMIS_VERSION="${ARTEMIS_VERSION:-2.40.0}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/tck-tests/target/artemis-run"
mkdir -p "$work/classes"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tck</groupId><artifactId>artemis-run</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.activemq</groupId><artifactId>artemis-jakarta-server</artifactId><version>$ARTEMIS_VERSION</version></dependency>
    <dependency><groupId>org.apache.activemq</groupId><artifactId>artemis-jakarta-client</artifactId><version>$ARTEMIS_VERSION</version></dependency>
    <dependency><groupId>org.junit.platform</groupId><artifactId>junit-platform-console-standalone</artifactId><version>1.14.1</version></dependency>
  </dependencies>
</project>
POM
(cd "$root" && mvn -q -B -pl tck-tests -am test-compile)
(cd "$work" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt)
cp="$(cat "$work/cp.txt")"
cp "$root/tck-tests/artemis/artemis-vm.properties" "$work/classes/"
javac -d "$work/classes" -cp "$cp" "$root/tck-tests/artemis/RunAgainstArtemis.java"
cd "$work"
exec java -Dartemis.data="$work/data" -cp "$work/classes:$root/tck-tests/target/test-classes:$cp" \
    RunAgainstArtemis --disable-banner --details=tree --details-theme=ascii "$@"
