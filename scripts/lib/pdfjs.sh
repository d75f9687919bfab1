# Sourced by scripts/build-page: pdf.js (Mozilla's PDF engine, the npm
# package pdfjs-dist), which the page uses to read PDFs (web/pdfread.js).
#
# Pinned to an exact version and the tarball's sha512 as the npm registry
# lists it (`npm view pdfjs-dist@VERSION dist.integrity`). 2.16.105 is the
# last 2.x release: its legacy build (legacy/build/) is compiled for old
# browsers and runs in Chromium 80, the oldest kernel the page supports;
# 3.x and later need newer kernels or are larger. Only the two minified
# scripts of the legacy build are kept, in .cache/pdfjs-dist/VERSION/
# (gitignored), so rebuilds cost nothing.

PDFJS_PKG=pdfjs-dist@2.16.105
PDFJS_SHA512='J4dn41spsAwUxCpEoVf6GVoz908IAA3mYiLmNxg8J9kfRXc2jxpbUepcP0ocp0alVNLFthTAM8DZ1RaHh8sU0A=='

# install_pdfjs: unpacks the pinned pdf.js if it is not in the cache yet,
# and prints the directory that holds pdf.min.js and pdf.worker.min.js.
install_pdfjs() {
  local dir="$PWD/.cache/pdfjs-dist/${PDFJS_PKG#pdfjs-dist@}"
  if [ -s "$dir/pdf.min.js" ] && [ -s "$dir/pdf.worker.min.js" ] && [ "$(cat "$dir/.package" 2>/dev/null)" = "$PDFJS_PKG" ]; then
    echo "$dir"
    return
  fi
  command -v npm >/dev/null || { echo "npm is needed once to fetch $PDFJS_PKG (apt-get install npm)" >&2; return 1; }
  local tmp tgz got
  tmp=$(mktemp -d)
  tgz=$(cd "$tmp" && npm pack --silent --loglevel=error "$PDFJS_PKG") || { rm -rf "$tmp"; return 1; }
  tgz="$tmp/$tgz"
  got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
  if [ "$got" != "$PDFJS_SHA512" ]; then
    echo "$PDFJS_PKG: sha512 $got, want $PDFJS_SHA512" >&2
    rm -rf "$tmp"
    return 1
  fi
  tar xzf "$tgz" -C "$tmp" package/legacy/build/pdf.min.js package/legacy/build/pdf.worker.min.js package/LICENSE
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$tmp/package/legacy/build/pdf.min.js" "$tmp/package/legacy/build/pdf.worker.min.js" "$tmp/package/LICENSE" "$dir/"
  rm -rf "$tmp"
  echo "$PDFJS_PKG" >"$dir/.package"
  echo "$dir"
}
