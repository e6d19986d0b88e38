package io.qwengateway.credentials;

import java.nio.file.Path;

/**
 * Whoever serves credentials files and wants to hear of a new login at once, rather than at the next check of the
 * file: the running gateway's upstreams. Absent on the command line, where nothing is served.
 */
public interface LoginAdopter {

    /**
     * A login has just written {@code credentials} to {@code credentialsFile}.
     *
     * @return whether the gateway serves these credentials now
     */
    boolean adoptNewLogin(Path credentialsFile, OAuthCredentials credentials);
}
