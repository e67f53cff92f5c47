#!/usr/bin/env bash
# Installs every Debian 12 package plateau builds, runs and tests with. Idempotent: does nothing
# when all are present. As root it uses apt-get; otherwise it prints the exact line to run.
set -euo pipefail

PACKAGES=(
  cmake g++ pkg-config                        # build
  libvulkan-dev mesa-vulkan-drivers vulkan-tools vulkan-validationlayers  # Vulkan + lavapipe
  glslc glslang-tools spirv-tools             # shaders compiled at build time
  libglfw3-dev xvfb xauth imagemagick         # window (and a virtual display for tests)
  xdotool                                     # synthetic mouse and keys for the window test
  libglm-dev libimgui-dev libstb-dev fonts-dejavu-core  # maths, UI, UI font
  libpng-dev nlohmann-json3-dev libcli11-dev  # tiles, scene files, command line
  libdeflate-dev                              # fast whole-tile inflate for tile PNGs
  libjpeg-dev                                 # JPEG imagery tiles (libjpeg-turbo)
  libsqlite3-dev sqlite3                      # MBTiles (the command-line tool: tests compare tile tables)
  libgdal-dev libcurl4-openssl-dev libtinygltf-dev  # rasters/vectors, HTTP tiles, glTF bodies
  catch2 libbenchmark-dev                     # tests and micro-benchmarks
  clang libclang-rt-14-dev                    # fuzzing: libFuzzer with ASan and UBSan (-DPLATEAU_FUZZ=ON)
  ffmpeg                                      # video recording (ffprobe in tests)
  libavcodec-dev libavformat-dev libswscale-dev  # H.264 MP4 written in-process
  libgeographiclib-dev                        # geodesic distances (measuring)
  libharfbuzz-dev libfreetype-dev             # text shaping (Tibetan stacks) and glyph rasterising
  fonts-noto-core fonts-noto-cjk              # Tibetan and Chinese script fonts
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "plateau setup: all ${#PACKAGES[@]} Debian packages are installed"
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "plateau setup: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "plateau setup: installing ${#missing[@]} packages with sudo: ${missing[*]}"
  sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "plateau setup: ${#missing[@]} Debian packages are missing. Run as root:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi
