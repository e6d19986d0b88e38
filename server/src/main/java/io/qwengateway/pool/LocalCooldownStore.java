package io.qwengateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qwengateway.credentials.PrivateFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cooldowns of this process, in memory, and in a file so that they survive a restart: a spent quota stays spent
 * when the gateway is restarted at noon. The file ({@code cooldowns.json} in the data directory) is replaced whole,
 * atomically and 0600 ({@link PrivateFiles#writeAtomically}), by one background writer that coalesces changes, so a
 * burst of throttles costs one write and no request waits for the disk.
 *
 * <p>Not written: dead credentials. A refused key may be replaced before the next start, and a dead OAuth account
 * comes back with a new login; both are found out again by the first request.
 */
public final class LocalCooldownStore implements CooldownStore {

    private static final Logger log = LoggerFactory.getLogger(LocalCooldownStore.class);
    private static final int FORMAT = 1;

    private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();
    private final Path file;
    private final ObjectMapper json;
    private final ExecutorService writer;
    private final AtomicBoolean writePending = new AtomicBoolean();

    private LocalCooldownStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        this.writer = file == null ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cooldown-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Cooldowns kept in memory only. */
    public static LocalCooldownStore inMemory() {
        return new LocalCooldownStore(null, null);
    }

    /**
     * Cooldowns kept in {@code file} too; those already there are loaded, but only for the upstreams named and only
     * while they last.
     */
    public static LocalCooldownStore persistedIn(Path file, ObjectMapper json, Set<String> upstreams, Instant now) {
        LocalCooldownStore store = new LocalCooldownStore(file, json);
        store.load(upstreams, now);
        return store;
    }

    @Override
    public Cooldown get(String upstream) {
        return cooldowns.get(upstream);
    }

    @Override
    public void put(String upstream, Cooldown cooldown) {
        Cooldown previous = cooldowns.put(upstream, cooldown);
        if (!cooldown.equals(previous) && (persisted(cooldown) || previous != null && persisted(previous))) {
            scheduleWrite();
        }
    }

    @Override
    public void remove(String upstream) {
        Cooldown previous = cooldowns.remove(upstream);
        if (previous != null && persisted(previous)) {
            scheduleWrite();
        }
    }

    @Override
    public Map<String, Cooldown> all() {
        return Map.copyOf(cooldowns);
    }

    /** Writes what is pending and stops the writer. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The cooldowns were not written within 5 s of the shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean persisted(Cooldown cooldown) {
        return cooldown.reason() != Cooldown.Reason.DEAD;
    }

    private void scheduleWrite() {
        if (writer != null && writePending.compareAndSet(false, true)) {
            try {
                writer.execute(this::write);
            } catch (RejectedExecutionException shuttingDown) {
                writePending.set(false);
                write();
            }
        }
    }

    private void write() {
        writePending.set(false); // changes from here on schedule another write
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode upstreams = root.putObject("upstreams");
        cooldowns.forEach((name, cooldown) -> {
            if (persisted(cooldown)) {
                CooldownJson.write(cooldown, upstreams.putObject(name));
            }
        });
        try {
            PrivateFiles.writeAtomically(file, json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the upstream cooldowns to {}: {}", file, e.getMessage());
        }
    }

    private void load(Set<String> upstreams, Instant now) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | JacksonException e) {
            log.warn("Ignoring the upstream cooldowns in {}: {}", file, e.getMessage());
            return;
        }
        root.path("upstreams").properties().forEach(entry -> {
            Cooldown cooldown = CooldownJson.read(entry.getValue());
            if (cooldown == null) {
                log.warn("Ignoring an unreadable cooldown of {} in {}", entry.getKey(), file);
            } else if (upstreams.contains(entry.getKey()) && cooldown.activeAt(now)) {
                cooldowns.put(entry.getKey(), cooldown);
            }
        });
        if (!cooldowns.isEmpty()) {
            log.info("Upstream cooldowns from the last run: {}", cooldowns.keySet());
        }
    }
}
