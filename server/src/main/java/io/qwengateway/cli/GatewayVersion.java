package io.qwengateway.cli;

import org.springframework.boot.SpringBootVersion;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the gateway's version from the jar's manifest, and what it runs on. */
public class GatewayVersion implements IVersionProvider {

    /** The version the build wrote into the jar's manifest; {@code dev} outside a built jar (an IDE, the tests). */
    public static String current() {
        String version = GatewayVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] { "Qwen Gateway " + current(),
                "Spring Boot " + SpringBootVersion.getVersion() + ", Java " + Runtime.version() + " ("
                        + System.getProperty("java.vendor") + ")" };
    }
}
