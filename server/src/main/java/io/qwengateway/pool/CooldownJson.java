package io.qwengateway.pool;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cooldown as JSON, the same way in {@code cooldowns.json} and in the Redis the replicas share:
 * {@code {"reason":"quota","until":"2026-05-07T00:00:00Z","message":"...","streak":0}}.
 */
final class CooldownJson {

    private CooldownJson() {
    }

    /** Writes {@code cooldown}'s fields into {@code entry} and returns it. */
    static ObjectNode write(Cooldown cooldown, ObjectNode entry) {
        entry.put("reason", cooldown.reason().wireName());
        entry.put("until", cooldown.until() == null ? null : cooldown.until().toString());
        entry.put("message", cooldown.message());
        entry.put("streak", cooldown.streak());
        return entry;
    }

    /** The cooldown in {@code entry}, or null when it cannot be read (another version wrote it, or it is damaged). */
    static Cooldown read(JsonNode entry) {
        try {
            Cooldown.Reason reason = Cooldown.Reason.valueOf(entry.path("reason").asString("").toUpperCase(Locale.ROOT));
            String until = entry.path("until").asString(null);
            return new Cooldown(reason, until == null ? null : Instant.parse(until),
                    entry.path("message").asString(""), entry.path("streak").asInt(0));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
