package io.qwengateway.protocol.responses;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Stored responses in memory (Caffeine): each expires {@code ttl} after it was written, and the oldest are evicted
 * once the estimated bytes of all of them pass the cap, so a busy gateway's memory stays bounded.
 */
public class InMemoryResponseStore implements ResponseStore {

    private final Cache<String, StoredResponse> responses;

    public InMemoryResponseStore(ResponsesProperties.Store settings) {
        this.responses = Caffeine.newBuilder()
                .expireAfterWrite(settings.ttl())
                .maximumWeight(settings.maxSize().toBytes())
                .weigher((String id, StoredResponse stored) -> (int) Math.min(Integer.MAX_VALUE, stored.sizeBytes()))
                .build();
    }

    @Override
    public void save(StoredResponse response) {
        responses.put(response.id(), response);
    }

    @Override
    public Optional<StoredResponse> find(String id, String owner) {
        StoredResponse stored = responses.getIfPresent(id);
        return stored != null && stored.owner().equals(owner) ? Optional.of(stored) : Optional.empty();
    }

    @Override
    public boolean delete(String id, String owner) {
        return find(id, owner).map(stored -> responses.asMap().remove(id, stored)).orElse(false);
    }
}
