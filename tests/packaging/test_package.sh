#!/usr/bin/env bash
# End-to-end check of the Debian package, as a user would meet it:
#   build the .deb with cpack, unpack it into a scratch root, check what it installs and declares,
#   validate the desktop entry and the AppStream metainfo, and run the unpacked latent-studio
#   (--version, info, render) so that it finds the default model next to itself.
#
#   tests/packaging/test_package.sh BUILD_DIR SOURCE_DIR VERSION
#
# Exit status: 0 pass, 1 fail, 77 skipped (only while resources/models/shapes-world-128.safetensors
# has not been trained yet: everything else is still checked, and render runs on a test fixture).
# Needs: cpack, dpkg-deb and dpkg-shlibdeps (dpkg-dev), desktop-file-validate (desktop-file-utils),
# appstreamcli (appstream), update-mime-database (shared-mime-info), file. tools/setup.sh test
# installs them.
set -euo pipefail

build_dir=$(cd "${1:?usage: test_package.sh BUILD_DIR SOURCE_DIR}" && pwd)
source_dir=$(cd "${2:?usage: test_package.sh BUILD_DIR SOURCE_DIR VERSION}" && pwd)
version=${3:?usage: test_package.sh BUILD_DIR SOURCE_DIR VERSION}
app_id=io.github.latentstudio.LatentStudio
model_name=shapes-world-128.safetensors

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli update-mime-database file readelf; do
  command -v "$tool" >/dev/null || {
    echo "FAIL: '$tool' is missing; install dpkg-dev desktop-file-utils appstream shared-mime-info file binutils (tools/setup.sh test does)" >&2
    exit 1
  }
done
for exe in latent-studio latent-studio-lab; do
  [ -x "$build_dir/bin/$exe" ] || { echo "FAIL: $build_dir/bin/$exe is not built; build the project before running ctest" >&2; exit 1; }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/lstudio-package-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# ---- build the package (into the scratch directory, so the build tree's own package is untouched)
start=$(date +%s)
if ! cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$scratch/out" > "$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log" >&2
  echo "FAIL: cpack -G DEB failed (log above)" >&2
  exit 1
fi
debs=("$scratch"/out/latent-studio_*_*.deb)
[ -f "${debs[0]}" ] || { cat "$scratch/cpack.log" >&2; echo "FAIL: cpack wrote no latent-studio_*.deb" >&2; exit 1; }
deb=${debs[0]}
pass "built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

# ---- control fields: name, version, section, and the runtime dependencies a bookworm user needs
control=$(dpkg-deb -f "$deb")
echo "$control" | sed 's/^/    /'
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = latent-studio ] && pass "package name" || fail "Package is '$(field Package)', expected latent-studio"
[ "$(field Version)" = "$version" ] && pass "version $version" || fail "Version is '$(field Version)', the project says '$version'"
[ "$(field Section)" = graphics ] && pass "section graphics" || fail "Section is '$(field Section)', expected graphics"
[ -n "$(field Maintainer)" ] || fail "no Maintainer field"
[ -n "$(field Homepage)" ] || fail "no Homepage field"
depends=$(field Depends)
for dep in libtorch1.13 libqt6widgets6 libqt6gui6 libqt6core6 qt6-qpa-plugins libopencv-core406 \
           libopencv-imgproc406 libopencv-videoio406 libpng16-16 libgif7 libopenblas0-pthread libqt6svg6 libc6; do
  if echo ", $depends," | grep -Eq "[ ,]$dep( \\(|,)"; then pass "depends on $dep"; else fail "Depends lacks $dep: $depends"; fi
done

# ---- unpack and check the installed files
root=$scratch/root
dpkg -x "$deb" "$root"
expect_file() { if [ -f "$root$1" ]; then pass "installs $1"; else fail "the package does not install $1"; fi; }
expect_file /usr/bin/latent-studio
expect_file /usr/bin/latent-studio-lab
expect_file /usr/share/applications/$app_id.desktop
expect_file /usr/share/metainfo/$app_id.metainfo.xml
expect_file /usr/share/mime/packages/latent-studio.xml
expect_file /usr/share/icons/hicolor/scalable/apps/$app_id.svg
for size in 16 32 48 64 128 256; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
  expect_file "$icon"
  if [ -f "$root$icon" ]; then
    file "$root$icon" | grep -q "PNG image data, $size x $size" || fail "$icon is not a $size x $size PNG: $(file -b "$root$icon")"
  fi
done
for exe in latent-studio latent-studio-lab; do
  # Installed binaries must use the system libraries, never the build tree's: an RPATH may only
  # be relative to the executable ($ORIGIN, which qt_standard_project_setup adds).
  rpath=$(readelf -d "$root/usr/bin/$exe" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]/\2/p')
  for entry in ${rpath//:/ }; do
    case "$entry" in \$ORIGIN*) ;; *) fail "$exe has the absolute RPATH entry '$entry'" ;; esac
  done
done
if dpkg-deb -c "$deb" | grep -Eq ' \./(build|work|home|tmp|root)/|/training/|checkpoint'; then
  fail "the package contains build-tree paths or training checkpoints: $(dpkg-deb -c "$deb" | grep -E ' \./(build|work|home|tmp|root)/|/training/|checkpoint' | head -3)"
fi

# ---- desktop entry, AppStream metainfo, MIME definitions
if desktop-file-validate "$root/usr/share/applications/$app_id.desktop"; then pass "desktop-file-validate"; else fail "desktop-file-validate reports problems (above)"; fi
grep -q '^Exec=latent-studio %f$' "$root/usr/share/applications/$app_id.desktop" || fail "desktop entry lacks Exec=latent-studio %f"
for type in application/x-latent-studio-session application/x-latent-studio-model image/png; do
  grep -q "^MimeType=.*$type;" "$root/usr/share/applications/$app_id.desktop" || fail "desktop entry does not claim $type"
done
if appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"; then pass "appstreamcli validate"; else fail "appstreamcli validate reports problems (above)"; fi
mkdir -p "$scratch/mime/packages"
cp "$root/usr/share/mime/packages/latent-studio.xml" "$scratch/mime/packages/"
if update-mime-database "$scratch/mime" 2> "$scratch/mime.log" && ! grep -qi error "$scratch/mime.log" \
   && [ -f "$scratch/mime/application/x-latent-studio-session.xml" ] \
   && grep -q '^\*\.lstudio$\|:application/x-latent-studio-session:\*\.lstudio' "$scratch/mime/globs2"; then
  pass "update-mime-database accepts the MIME definitions"
else
  cat "$scratch/mime.log" >&2; fail "update-mime-database rejected latent-studio.xml"
fi
if grep -Eq ':\*\.pkl$' "$scratch/mime/globs2"; then
  fail "a bare *.pkl glob claims every Python pickle; NVlabs snapshots must be recognised by content"
fi
# What a file manager shows: GIO resolves types from the unpacked definitions alone.
if command -v gio >/dev/null; then
  content_type() { XDG_DATA_HOME=$scratch XDG_DATA_DIRS=/usr/share gio info -a standard::content-type "$1" | sed -n 's/.*content-type: //p'; }
  samples=$scratch/samples
  mkdir -p "$samples"
  printf '{\n  "format": "latent-studio-session",\n  "version": 1\n}\n' > "$samples/evening.lstudio"
  cp "$samples/evening.lstudio" "$samples/renamed-session.json"
  cp "$source_dir/tests/data/stylegan2-uncond-32.pkl" "$samples/my-gan.pkl"
  printf '\x80\x02}q\x00.' > "$samples/scikit-model.pkl"   # an ordinary pickled (empty) dict
  cp "$source_dir/tests/data/stylegan2-uncond-32.safetensors" "$samples/model.safetensors"
  while read -r sample expected; do
    actual=$(content_type "$samples/$sample")
    [ "$actual" = "$expected" ] && pass "$sample is $expected" || fail "$sample is '$actual', expected $expected"
  done <<'TABLE'
evening.lstudio application/x-latent-studio-session
renamed-session.json application/x-latent-studio-session
my-gan.pkl application/x-nvlabs-stylegan-snapshot
scikit-model.pkl application/octet-stream
model.safetensors application/x-latent-studio-model
TABLE
else
  echo "note: gio (libglib2.0-bin) is not installed: file-type detection by content not checked"
fi

# ---- run the unpacked programs
export QT_QPA_PLATFORM=offscreen
unset LATENT_STUDIO_MODEL  # the default model must be found next to the installed executable
bin=$root/usr/bin
if version_text=$("$bin/latent-studio" --version); then
  echo "$version_text" | sed 's/^/    /'
  echo "$version_text" | grep -q "^latent-studio $version" || fail "--version does not start with 'latent-studio $version'"
  echo "$version_text" | grep -q "^libtorch: " || fail "--version does not name the libtorch version"
  echo "$version_text" | grep -q "^Qt: " || fail "--version does not name the Qt version"
else
  fail "latent-studio --version exited with status $?"
fi
"$bin/latent-studio-lab" --version | grep -q "^latent-studio-lab $version" || fail "latent-studio-lab --version does not print its version"

installed_model=$root/usr/share/latent-studio/models/$model_name
model_args=()
prompt_args=(--prompt "a red star on a blue background")
expected_size=128
skip_reason=
if [ -f "$installed_model" ]; then
  pass "installs the default model ($(du -h "$installed_model" | cut -f1))"
  if [ -f "$source_dir/resources/models/README.md" ]; then
    expect_file /usr/share/latent-studio/models/README.md
  else
    echo "note: resources/models/README.md (the model card) does not exist yet, so none is packaged"
  fi
elif [ -f "$source_dir/resources/models/$model_name" ]; then
  fail "resources/models/$model_name exists but the package does not install it (re-run cmake?)"
else
  skip_reason="resources/models/$model_name has not been trained yet: info and render ran on the test fixture instead of the default model"
  # The fixture is unconditional: it takes no prompt and renders 32 x 32.
  model_args=(--model "$source_dir/tests/data/stylegan2-uncond-32.safetensors")
  prompt_args=()
  expected_size=32
fi

if "$bin/latent-studio" info "${model_args[@]}" > "$scratch/info.json" 2> "$scratch/info.err"; then
  pass "latent-studio info ($(wc -c < "$scratch/info.json") bytes of JSON)"
  # The model must be the packaged one, found next to the executable, not the source tree's copy.
  if [ ${#model_args[@]} -eq 0 ]; then
    opened=$(grep -o '"path": *"[^"]*"' "$scratch/info.json" | head -1)
    case "$opened" in
      *"$root"/usr/*/share/latent-studio/models/$model_name\"|*"$root"/usr/share/latent-studio/models/$model_name\")
        pass "info opened the packaged default model" ;;
      *) fail "info opened $opened, not the packaged model under $root/usr/share/latent-studio/models" ;;
    esac
  fi
else
  cat "$scratch/info.err" >&2; fail "installed latent-studio info failed"
fi
image=$scratch/x.png
if "$bin/latent-studio" render "${model_args[@]}" "${prompt_args[@]}" --seed 1 --out "$image" 2> "$scratch/render.err"; then
  description=$(file -b "$image" 2>/dev/null || true)
  if echo "$description" | grep -q "PNG image data, $expected_size x $expected_size"; then
    pass "render wrote a $expected_size x $expected_size PNG"
  else
    fail "render wrote '$description', expected a $expected_size x $expected_size PNG"
  fi
else
  cat "$scratch/render.err" >&2; fail "installed latent-studio render failed"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
if [ -n "$skip_reason" ]; then
  echo "SKIP: $skip_reason"
  exit 77
fi
echo "all package checks passed"
