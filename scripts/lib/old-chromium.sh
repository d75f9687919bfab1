# Sourced by scripts/test-page: old headless Chromium builds for testing the
# page in the kernels that 360安全浏览器, 奇安信可信浏览器 and other browsers on
# government PCs still use (Chromium 80–109).
#
# The builds come from the npm package chrome-aws-lambda, which ships a real
# headless Chromium (bin/chromium.br) and the few libraries it needs that a
# Debian machine may lack (bin/aws.tar.br), both brotli-compressed. Each is
# pinned to an exact package version and the tarball's sha512 as the npm
# registry lists it; unpacked once into .cache/old-chromium/ (gitignored),
# so reruns cost nothing.

OLD_CHROMIUM_CACHE=.cache/old-chromium

# Exact package versions, the Chromium each one ships, and the tarball's
# integrity (`npm view chrome-aws-lambda@VERSION dist.integrity`).
declare -A OLD_CHROMIUM_PKG=([80]=2.1.1 [88]=5.5.0)
declare -A OLD_CHROMIUM_SHA512=(
  [2.1.1]='Wer2QuygxsCov5bM2+8CLa6qYpNsc5AxYTlgTne00aFoxFP491LGJRxOQtGnYtsJP6UG4pB0SfrwTyPnLys1Lw=='
  [5.5.0]='nYSDzTsVEVsvIFaUUAUN53ulXBLKSRXFS+eVYZOLZD5SA1If59rqBAiy4raMgorQwXWqjSsjK1SF4As+qzPLqA=='
)

# install_old_chromium MAJOR: unpacks the pinned build of Chromium MAJOR (80
# or 88) if it is not in the cache yet, and prints the path of a launcher
# that runs it with its libraries. Needs npm and brotli (scripts/test-page
# installs brotli with the other Debian packages).
install_old_chromium() {
  local major=$1
  local ver=${OLD_CHROMIUM_PKG[$major]:?no pinned build of Chromium $major}
  local dir="$PWD/$OLD_CHROMIUM_CACHE/$major"
  local launcher="$dir/chrome"
  if [ -x "$launcher" ] && [ "$(cat "$dir/.package" 2>/dev/null)" = "chrome-aws-lambda@$ver" ]; then
    echo "$launcher"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  # npm pack checks the tarball against the registry's integrity; the
  # pinned sha512 below also catches a changed registry entry.
  (cd "$tmp" && npm pack --silent --loglevel=error "chrome-aws-lambda@$ver" >/dev/null) || { rm -rf "$tmp"; return 1; }
  local tgz="$tmp/chrome-aws-lambda-$ver.tgz"
  local got
  got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
  if [ "$got" != "${OLD_CHROMIUM_SHA512[$ver]}" ]; then
    echo "chrome-aws-lambda@$ver: sha512 $got, want ${OLD_CHROMIUM_SHA512[$ver]}" >&2
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
  echo "chrome-aws-lambda@$ver" >"$dir/.package"
  echo "$launcher"
}
