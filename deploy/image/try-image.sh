#!/usr/bin/env bash
# Builds the gateway's container image with Jib and runs it, with neither a Docker daemon nor a registry: the base
# image from deploy/image/local-base-image.sh, the image unpacked into a directory, started there with chroot as the
# image's non-root user, and /health asked. Needs root (chroot, mounting /proc). Prints the image's size.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
root=$work/rootfs
cleanup() {
    [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null || true
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
deploy/image/local-base-image.sh "$work/base.tar"
./mvnw -q -pl server -am package -DskipTests jib:buildTar "-Djib.base.image=tar://$work/base.tar"
image=server/target/qwen-gateway-image.tar
echo "Image: $image ($(du -h "$image" | cut -f1) compressed)"
mkdir -p "$work/image" "$root/proc"
tar -xf "$image" -C "$work/image"
python3 - "$work/image" "$root" <<'PY'
import json, subprocess, sys
image, root = sys.argv[1], sys.argv[2]
manifest = json.load(open(image + "/manifest.json"))[0]
for layer in manifest["Layers"]:
    subprocess.run(["tar", "--warning=no-unknown-keyword", "-xf", image + "/" + layer, "-C", root], check=True)
# The image's own entrypoint (with its JVM flags) and environment, NUL-separated for the shell below.
config = json.load(open(image + "/" + manifest["Config"]))["config"]
open(image + "/entrypoint", "w").write("\0".join(config["Entrypoint"] + (config.get("Cmd") or [])) + "\0")
open(image + "/environment", "w").write("\0".join(config.get("Env") or []) + "\0")
PY
mapfile -d '' entrypoint < "$work/image/entrypoint"
mapfile -d '' environment < "$work/image/environment"
echo "Entrypoint: ${entrypoint[*]}"
mount -t proc proc "$root/proc"
port=${PORT:-18480}
env -i PATH=/opt/java/bin:/usr/bin:/bin "${environment[@]}" HOST=127.0.0.1 PORT="$port" \
    "$(command -v chroot || echo /usr/sbin/chroot)" --userspec=10001:10001 "$root" \
    "${entrypoint[@]}" > "$work/gateway.log" 2>&1 &
echo $! > "$work/pid"
for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$port/health" > "$work/health.json"; then
        echo "The image serves /health as user 10001: $(cat "$work/health.json")"
        exit 0
    fi
    sleep 1
done
echo "The image did not answer /health within 60 s:" >&2
tail -20 "$work/gateway.log" >&2
exit 1
