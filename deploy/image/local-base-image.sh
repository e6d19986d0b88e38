#!/usr/bin/env bash
# Builds, without a Docker daemon or a registry, the base image the gateway's Jib image can be built on when no
# registry is reachable: a jlink'ed Java runtime of this machine's JDK, the few glibc libraries it needs, a
# non-root user. Writes a `docker save`-format tarball, which Jib takes as `tar://` base image:
#
#   deploy/image/local-base-image.sh target/base-image.tar
#   ./mvnw -q -pl server -am package -DskipTests jib:buildTar -Djib.from.image=tar://$PWD/target/base-image.tar
#
# With a registry at hand, the pom's default base (eclipse-temurin) needs none of this.
set -euo pipefail
out=${1:?usage: local-base-image.sh OUTPUT.tar}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"

# The modules the gateway and its libraries use (jdeps over the jar, plus what Spring and Tomcat load reflectively).
"$java_home/bin/jlink" --output "$root/opt/java" --strip-debug --no-man-pages --no-header-files \
    --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

# Every shared library the runtime links against, from this machine.
for library in $(find "$root/opt/java" -name '*.so' -o -name java -type f | xargs ldd 2>/dev/null \
        | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | sort -u); do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
done
# And the glibc libraries that the native code inside Java libraries links against: sqlite-jdbc's library needs
# libpthread.so.0, which the JDK itself no longer links (glibc 2.34 folded it into libc but kept the name).
for name in libpthread.so.0 libm.so.6 libdl.so.2 librt.so.1; do
    library=$(ldconfig -p | awk -v name="$name" '$1 == name && /x86-64/ {print $NF; exit}')
    [ -n "$library" ] && mkdir -p "$root$(dirname "$library")" && cp -L "$library" "$root$library"
done
mkdir -p "$root/lib64" "$root/tmp" "$root/etc" "$root/data" "$root/qwen"
[ -e "$root/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
chmod 1777 "$root/tmp"
echo 'root:x:0:0:root:/root:/sbin/nologin' > "$root/etc/passwd"
echo 'gateway:x:10001:10001:gateway:/data:/sbin/nologin' >> "$root/etc/passwd"
printf 'root:x:0:\ngateway:x:10001:\n' > "$root/etc/group"
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
chown 10001:10001 "$root/data" "$root/qwen"
chmod 0700 "$root/data" "$root/qwen"

tar -C "$root" --numeric-owner -cf "$work/layer.tar" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["qwen-gateway-base:local"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "Wrote $out ($(du -h "$out" | cut -f1)) from $java_home"
