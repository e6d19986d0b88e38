package io.qwengateway.protocol.responses;

import java.util.Optional;

/**
 * Where finished responses are kept. The default keeps them in memory with a TTL and a size cap; a store shared by
 * several gateway replicas implements the same interface.
 */
public interface ResponseStore {

    void save(StoredResponse response);

    /** The response, if it is stored, not expired, and {@code owner} may read it. */
    Optional<StoredResponse> find(String id, String owner);

    /** @return whether a response was removed */
    boolean delete(String id, String owner);
}
