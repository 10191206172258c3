#!/usr/bin/env bash
# gen_c_api_doc.sh: regenerates docs/c-api.md, the C API reference, from the contract comments of
# the public headers (CShims/include), with the porting table checked against CPython's names in
# docs/cpython-3.11-names.txt. Fails (exit 1) when a public function has no contract comment.
# Run after changing a public header; CAPIDocTests fails until the committed file is current.
#   --record-cpython   re-record docs/cpython-3.11-names.txt from python3's installed headers
#                      (needs python3; the generator and the tests never do).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ "${1:-}" = "--record-cpython" ]; then
    inc=$(python3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")
    { echo "# CPython $(python3 -c 'import platform; print(platform.python_version())')'s public C API names (Py*, METH_*), recorded once from its installed headers by"
      echo "# Scripts/gen_c_api_doc.sh --record-cpython; the C API reference's porting table reads it."
      grep -rhoE "\b(Py[A-Za-z0-9_]+|METH_[A-Z_]+)\b" "$inc" | sort -u; } > docs/cpython-3.11-names.txt
fi
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
swift build --product extdemo >/dev/null
"$(swift build --show-bin-path)/extdemo" __c-api-doc CShims/include docs/cpython-3.11-names.txt docs/c-api.md
