# Sourced by scripts/test-page: old headless Chromium builds for testing the
# page in the kernels that 360安全浏览器, 奇安信可信浏览器 and other browsers on
# government PCs still use (Chromium 80–109).
#
# The builds come from the npm packages chrome-aws-lambda (Chromium 80, 88)
# and its successor @sparticuz/chromium (109), which ship a real headless
# Chromium (bin/chromium.br) and the few libraries it needs that a Debian
# machine may lack (bin/aws.tar.br), both brotli-compressed. Each is pinned
# to an exact package version and the tarball's sha512 as the npm registry
# lists it; unpacked once into .cache/old-chromium/ (gitignored), so reruns
# cost nothing.

OLD_CHROMIUM_CACHE=.cache/old-chromium

# The exact package for each Chromium major version, and the tarball's
# integrity (`npm view PACKAGE@VERSION dist.integrity`). 80 is the oldest
# kernel the page supports, 88 the last before 'wasm-unsafe-eval' that the
# builds offer, 109 an old kernel that knows it (it came in 97).
declare -A OLD_CHROMIUM_PKG=(
  [80]=chrome-aws-lambda@2.1.1
  [88]=chrome-aws-lambda@5.5.0
  [109]=@sparticuz/chromium@109.0.6
)
declare -A OLD_CHROMIUM_SHA512=(
  [80]='Wer2QuygxsCov5bM2+8CLa6qYpNsc5AxYTlgTne00aFoxFP491LGJRxOQtGnYtsJP6UG4pB0SfrwTyPnLys1Lw=='
  [88]='nYSDzTsVEVsvIFaUUAUN53ulXBLKSRXFS+eVYZOLZD5SA1If59rqBAiy4raMgorQwXWqjSsjK1SF4As+qzPLqA=='
  [109]='9hTE03DXnrWTiGNpfjLfmGhIfmiVAerSPinDb+x5bBdM4KF4PMM1NZ0A+V7WKazoA+CasSX/osHK8K0MuO6uqg=='
)

# install_old_chromium MAJOR: unpacks the pinned build of Chromium MAJOR (80,
# 88 or 109) if it is not in the cache yet, and prints the path of a launcher
# that runs it with its libraries. Needs npm and brotli (scripts/test-page
# installs brotli with the other Debian packages).
install_old_chromium() {
  local major=$1
  local pkg=${OLD_CHROMIUM_PKG[$major]:?no pinned build of Chromium $major}
  local dir="$PWD/$OLD_CHROMIUM_CACHE/$major"
  local launcher="$dir/chrome"
  if [ -x "$launcher" ] && [ "$(cat "$dir/.package" 2>/dev/null)" = "$pkg" ]; then
    echo "$launcher"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  # npm pack checks the tarball against the registry's integrity; the
  # pinned sha512 below also catches a changed registry entry.
  local tgz
  tgz=$(cd "$tmp" && npm pack --silent --loglevel=error "$pkg") || { rm -rf "$tmp"; return 1; }
  tgz="$tmp/$tgz"
  local got
  got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
  if [ "$got" != "${OLD_CHROMIUM_SHA512[$major]}" ]; then
    echo "$pkg: sha512 $got, want ${OLD_CHROMIUM_SHA512[$major]}" >&2
    rm -rf "$tmp"
    return 1
  fi
  tar xzf "$tgz" -C "$tmp" package/bin/chromium.br package/bin/aws.tar.br
  rm -rf "$dir"
  mkdir -p "$dir"
  brotli -d -o "$dir/chromium" "$tmp/package/bin/chromium.br"
  chmod +x "$dir/chromium"
  brotli -d -c "$tmp/package/bin/aws.tar.br" | tar x -C "$dir" --no-same-owner lib
  rm -rf "$tmp"
  # The launcher puts the package's libraries first and keeps the machine's
  # fonts (the package's fonts.conf knows no Chinese font). exec keeps the
  # process id, so the test harness stops the browser itself.
  cat >"$launcher" <<EOF
#!/bin/sh
export LD_LIBRARY_PATH="$dir/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
exec "$dir/chromium" "\$@"
EOF
  chmod +x "$launcher"
  echo "$pkg" >"$dir/.package"
  echo "$launcher"
}
