package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What tells a credentials file's versions apart without reading it: its modification time, its size and its
 * identity (device and inode). The modification time alone is not enough. File systems stamp a new file with a coarse
 * clock (one kernel tick, 1 to 10 ms; a second on some), so a file replaced by an atomic rename within the tick of the
 * previous write keeps the same mtime, yet it is another inode.
 *
 * @param fileKey the file system's identity of the file, or null where it has none
 */
record FileStamp(FileTime modified, long size, Object fileKey) {

    /**
     * How long after its last change a file may still change again under the same stamp (an in-place write in the
     * same tick, with the same size): until then, an unchanged stamp does not prove unchanged content. Two seconds
     * covers the coarsest common granularity (FAT's two seconds).
     */
    static final long SETTLE_MILLIS = 2_000;

    /** The file's stamp, or empty when there is no file (or it cannot be looked at). */
    static Optional<FileStamp> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The file last changed long enough ago (by the wall clock, as file times are) that a later change will get
     * another stamp. A recent one must be compared by content, as git does for a "racily clean" index entry.
     */
    boolean settled() {
        return System.currentTimeMillis() - modified.toMillis() >= SETTLE_MILLIS;
    }
}
