package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class LocalCooldownStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-05-06T12:00:00Z");

    @TempDir
    Path data;

    private Path file() {
        return data.resolve("state").resolve("cooldowns.json");
    }

    private LocalCooldownStore open(Set<String> upstreams, Instant now) {
        return LocalCooldownStore.persistedIn(file(), JSON, upstreams, now);
    }

    @Test
    void cooldownsAreWrittenPrivatelyAndReadBackAfterARestart() throws IOException {
        Cooldown quota = new Cooldown(Cooldown.Reason.QUOTA, NOW.plusSeconds(3600), "spent", 0);
        Cooldown disabled = new Cooldown(Cooldown.Reason.DISABLED, null, "by the operator", 0);
        try (LocalCooldownStore store = open(Set.of("a", "b"), NOW)) {
            store.put("a", quota);
            store.put("b", disabled);
        }

        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (LocalCooldownStore restarted = open(Set.of("a", "b"), NOW.plusSeconds(60))) {
            assertThat(restarted.get("a")).isEqualTo(quota);
            assertThat(restarted.get("b")).isEqualTo(disabled);
        }
    }

    @Test
    void expiredCooldownsUpstreamsNoLongerConfiguredAndDeadCredentialsAreNotKept() {
        try (LocalCooldownStore store = open(Set.of("a", "b", "c"), NOW)) {
            store.put("a", new Cooldown(Cooldown.Reason.THROTTLED, NOW.plusSeconds(5), "slow", 1));
            store.put("b", new Cooldown(Cooldown.Reason.QUOTA, NOW.plusSeconds(3600), "spent", 0));
            store.put("c", new Cooldown(Cooldown.Reason.DEAD, null, "refused", 0));
        }

        try (LocalCooldownStore restarted = open(Set.of("a", "c"), NOW.plusSeconds(10))) {
            assertThat(restarted.all()).isEmpty();
        }
    }

    @Test
    void aRemovedCooldownIsGoneAfterARestartToo() {
        try (LocalCooldownStore store = open(Set.of("a"), NOW)) {
            store.put("a", new Cooldown(Cooldown.Reason.QUOTA, NOW.plusSeconds(3600), "spent", 0));
            store.remove("a");
        }

        try (LocalCooldownStore restarted = open(Set.of("a"), NOW)) {
            assertThat(restarted.get("a")).isNull();
        }
    }

    @Test
    void anUnreadableFileIsIgnoredAndReplaced() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{not json");

        try (LocalCooldownStore store = open(Set.of("a"), NOW)) {
            assertThat(store.all()).isEmpty();
            store.put("a", new Cooldown(Cooldown.Reason.QUOTA, NOW.plusSeconds(3600), "spent", 0));
        }
        try (LocalCooldownStore restarted = open(Set.of("a"), NOW)) {
            assertThat(restarted.get("a")).isNotNull();
        }
    }
}
