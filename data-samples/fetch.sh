#!/usr/bin/env bash
# Rebuilds data-samples/ from the package clients (Debian apt, the npm packages in node_modules)
# and /work/shared/samples/domains/samples.jsonl. Nothing here writes text of its own: files are
# copied whole, dictd files and the KJV are cut at entry/book boundaries only.
# SOURCE.md, LICENSE and README.md files are written separately (they are the records).
# Usage (as root, from the repo root, after `npm ci`): bash data-samples/fetch.sh [workdir]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
DS=$REPO/data-samples
W=${1:-/tmp/curate-deb}
mkdir -p "$W" && cd "$W"

PKGS="docutils-doc python-nbconvert-doc python3.11-doc python-scipy-doc python-astropy-doc python-statsmodels-doc bible-kjv-text bible-kjv dict-devil dict-jargon octave-doc libpython3.11-stdlib texlive-publishers-doc"
apt-get update -q
apt-get download $PKGS
for f in *.deb; do dpkg -x "$f" x; done
X=$W/x

copy() { # copy <from-root> <to-dir> <relative paths...>
  local from=$1 to=$2; shift 2
  for p in "$@"; do mkdir -p "$to/$(dirname "$p")"; cp "$from/$p" "$to/$p"; done
}

# prose/python-docs (PSF-2.0)
copy "$X/usr/share/doc/python3.11/html" "$DS/prose/python-docs" \
  tutorial/appetite.html tutorial/interpreter.html tutorial/errors.html tutorial/classes.html \
  tutorial/venv.html tutorial/whatnow.html \
  howto/sockets.html howto/sorting.html howto/annotations.html \
  genindex-J.html genindex-Y.html search.html faq/index.html howto/index.html whatsnew/index.html

# prose/kjv-bible (public domain): whole books printed by the package's own `bible` tool, one verse
# a line ("Ge1:1 In the beginning..."), cut into one file per chapter (documents of a few pages)
mkdir -p "$DS/prose/kjv-bible"
for b in Genesis Ruth Esther Ecclesiastes Jonah Romans James; do
  "$X/usr/bin/bible" -p "$X/usr/lib" -f "${b}1:1-199:999" </dev/null |
    awk -v dir="$DS/prose/kjv-bible" -v book="$b" '{ split($1, r, ":"); c = r[1]; sub(/^[0-9]*[A-Za-z]+/, "", c);
      f = sprintf("%s/%s-%02d.txt", dir, book, c); print > f }'
done

# prose/devils-dictionary, prose/jargon-file (public domain): dictd files cut into one file per
# initial letter at entry boundaries (offsets from the .index file)
split_dict() { # split_dict <name> <out-dir> <letters regex>
  zcat "$X/usr/share/dictd/$1.dict.dz" >"$W/$1.dict"
  node "$DS/splitDict.mjs" "$W/$1.dict" "$X/usr/share/dictd/$1.index" "$2" "$3"
}
split_dict devil "$DS/prose/devils-dictionary" '.'
split_dict jargon "$DS/prose/jargon-file" '^[aeiko]$'

# code/cpython-stdlib (PSF-2.0): modules shipped in libpython3.11-stdlib; the files the copyright
# file lists under other licenses (logging, multiprocessing, sqlite3, async*, tarfile, turtle) are avoided
copy "$X/usr/lib/python3.11" "$DS/code/cpython-stdlib" \
  cmd.py colorsys.py dataclasses.py fileinput.py fractions.py gettext.py graphlib.py html/parser.py \
  json/__init__.py json/decoder.py json/encoder.py json/scanner.py json/tool.py mimetypes.py netrc.py \
  numbers.py plistlib.py pprint.py queue.py sched.py secrets.py shelve.py shlex.py statistics.py \
  tabnanny.py timeit.py wave.py zipapp.py

# code/npm-code (MIT only), one folder per package, with the package's own license file
NM=$REPO/node_modules
npm_copy() { # npm_copy <package> <paths...>
  local pkg=$1; shift
  copy "$NM/$pkg" "$DS/code/npm-code/$pkg" "$@"
  local lic; lic=$(ls "$NM/$pkg" | grep -i -E '^licen[cs]e' | head -1)
  cp "$NM/$pkg/$lic" "$DS/code/npm-code/$pkg/LICENSE"
}
npm_copy commander lib/argument.js lib/command.js lib/error.js lib/help.js lib/option.js lib/suggestSimilar.js
npm_copy hyparquet src/assemble.js src/column.js src/convert.js src/datapage.js src/delta.js \
  src/encoding.js src/metadata.js src/plain.js src/read.js src/rowgroup.js src/schema.js src/snappy.js \
  src/thrift.js src/utils.js src/query.js
npm_copy cheerio dist/esm/api/traversing.js dist/commonjs/api/traversing.js \
  dist/esm/api/attributes.js dist/commonjs/api/attributes.js
npm_copy undici types/README.md
npm_copy undici-types README.md
npm_copy p-limit index.js readme.md
# two versions of iconv-lite, both in the lock file (0.6.3 nested under whatwg-encoding): the same
# modules a release apart are real near duplicates
npm_copy iconv-lite encodings/dbcs-codec.js encodings/utf16.js encodings/utf7.js lib/streams.js
npm_copy whatwg-encoding/node_modules/iconv-lite encodings/dbcs-codec.js encodings/utf16.js encodings/utf7.js lib/streams.js
mv "$DS/code/npm-code/whatwg-encoding/node_modules/iconv-lite" "$DS/code/npm-code/iconv-lite-0.6.3"
rm -r "$DS/code/npm-code/whatwg-encoding"

# science/scipy-docs, science/astropy-docs, science/statsmodels-docs (BSD-3-Clause)
copy "$X/usr/share/doc/python-scipy-doc/html" "$DS/science/scipy-docs" \
  tutorial/integrate.html tutorial/linalg.html tutorial/fft.html \
  tutorial/special.html tutorial/csgraph.html tutorial/general.html
copy "$X/usr/share/doc/python-astropy-doc/html" "$DS/science/astropy-docs" \
  units/equivalencies.html units/logarithmic_units.html \
  _sources/units/equivalencies.rst.txt _sources/cosmology/index.rst.txt _sources/coordinates/index.rst.txt \
  _sources/coordinates/angles.rst.txt _sources/coordinates/matchsep.rst.txt _sources/coordinates/velocities.rst.txt \
  _sources/coordinates/galactocentric.rst.txt _sources/time/index.rst.txt _sources/stats/robust.rst.txt \
  _sources/modeling/fitting.rst.txt _sources/modeling/parameters.rst.txt _sources/modeling/physical_models.rst.txt
copy "$X/usr/share/doc/python-statsmodels-doc/html" "$DS/science/statsmodels-docs" \
  _sources/glm.rst.txt _sources/mixed_linear.rst.txt _sources/vector_ar.rst.txt \
  _sources/contingency_tables.rst.txt _sources/statespace.rst.txt _sources/regression.rst.txt \
  _sources/duration.rst.txt _sources/gee.rst.txt _sources/rlm.rst.txt _sources/nonparametric.rst.txt \
  _sources/gettingstarted.rst.txt _sources/discretemod.rst.txt _sources/gam.rst.txt \
  _sources/optimization.rst.txt _sources/example_formulas.rst.txt \
  glm.html regression.html

# prose/docutils-docs (public domain): reST sources renamed .txt → .rst, one converted by Docutils'
# LaTeX writer (docutils 0.19), one printed to a two-column PDF by Chromium; code/nbconvert-docs (BSD-3-Clause)
DU=$X/usr/share/doc/docutils-doc
mkdir -p "$DS/prose/docutils-docs/rst" "$DS/prose/docutils-docs/latex" "$DS/prose/docutils-docs/pdf" "$DS/code/nbconvert-docs"
cp "$DU/docs/user/rst/quickstart.txt" "$DS/prose/docutils-docs/rst/quickstart.rst"
cp "$DU/docs/user/tools.txt" "$DS/prose/docutils-docs/rst/tools.rst"
(cd "$DU/docs/ref/rst" && python3 -m docutils --writer=latex --use-latex-docinfo introduction.txt "$DS/prose/docutils-docs/latex/introduction.tex")
node "$DS/makePdf.mjs" "$DU/docs/dev/policies.html" "$DS/prose/docutils-docs/pdf/policies.pdf"
zcat "$X/usr/share/doc/python-nbconvert-doc/html/nbconvert_library.ipynb.gz" >"$DS/code/nbconvert-docs/nbconvert_library.ipynb"

# science/aastex-sample (LPPL-1.3c): the AASTeX 6.31 sample article, gunzipped
mkdir -p "$DS/science/aastex-sample"
zcat "$X/usr/share/doc/texlive-doc/latex/aastex/sample631.tex.gz" >"$DS/science/aastex-sample/sample631.tex"

# science/octave-manual (GPL-3.0-or-later: the default policy must deny it)
copy "$X/usr/share/doc/octave/octave.html" "$DS/science/octave-manual" \
  index.html Basic-Matrix-Functions.html Functions-of-a-Matrix.html Techniques-Used-for-Linear-Algebra.html \
  Descriptive-Statistics.html Solvers.html Linear-Least-Squares.html

# LICENSE of each source folder: the license text as shipped, cut unchanged out of the package's
# copyright file (the Python License; the DEP-5 "Files: *" paragraph and its license paragraph; the
# public-domain statements), the SPDX reference text for MIT, base-files' GPL-3 for the denied source.
# Only the one license of the files taken goes in, so license-text detection sees just that license.
D=$X/usr/share/doc
py_license() { sed -n '/^Python License$/,/^Licenses and Acknowledgements for Incorporated Software$/p' "$D/python3.11-doc/copyright" | sed '$d'; }
py_license >"$DS/prose/python-docs/LICENSE"
py_license >"$DS/code/cpython-stdlib/LICENSE" # libpython3.11-minimal's copyright is the same file (source package python3.11)
sed -n '/^The copyright for the King James Version/,/^$/p' "$D/bible-kjv-text/copyright" >"$DS/prose/kjv-bible/LICENSE"
sed -n '/^The Devil.s Dictionary is in the public domain/,$p' "$D/dict-devil/copyright" >"$DS/prose/devils-dictionary/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/dict-jargon/copyright" >"$DS/prose/jargon-file/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/python-scipy-doc/copyright" >"$DS/science/scipy-docs/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/python-astropy-doc/copyright" >"$DS/science/astropy-docs/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/python-statsmodels-doc/copyright" >"$DS/science/statsmodels-docs/LICENSE"
cp /usr/share/common-licenses/GPL-3 "$DS/science/octave-manual/LICENSE"
# section 3.3 B of the texlive copyright file: the LPPL 1.3c text
sed -n '/^The LaTeX Project Public License$/,/^C\. Artistic$/p' "$D/texlive-publishers-doc/copyright" | sed '$d' >"$DS/science/aastex-sample/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/docutils-doc/copyright" >"$DS/prose/docutils-docs/LICENSE"
node "$DS/debCopyrightLicense.mjs" "$D/python-nbconvert-doc/copyright" >"$DS/code/nbconvert-docs/LICENSE"
node -e 'process.stdout.write(require(process.argv[1]).licenseText)' "$NM/spdx-license-list/licenses/MIT.json" >"$DS/code/npm-code/LICENSE"

# jsonl/domain-samples.jsonl: the 90 shared samples as {id,text,license,origin,domain}
mkdir -p "$DS/jsonl"
node "$DS/convertSamples.mjs" /work/shared/samples/domains/samples.jsonl "$DS/jsonl/domain-samples.jsonl"
