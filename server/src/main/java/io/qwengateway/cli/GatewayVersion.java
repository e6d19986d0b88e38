package io.qwengateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.springframework.boot.SpringBootVersion;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the gateway's version from the jar's manifest, and what it runs on. */
public class GatewayVersion implements IVersionProvider {

    /**
     * The version the build wrote into the jar's manifest, else into {@code META-INF/build-info.properties} (the
     * container image runs from classes, without the jar's manifest); {@code dev} when neither is there (an IDE).
     */
    public static String current() {
        String version = GatewayVersion.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream info = GatewayVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (info != null) {
                Properties properties = new Properties();
                properties.load(info);
                return properties.getProperty("build.version", "dev");
            }
        } catch (IOException e) {
            // unreadable: no version to tell
        }
        return "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] { "Qwen Gateway " + current(),
                "Spring Boot " + SpringBootVersion.getVersion() + ", Java " + Runtime.version() + " ("
                        + System.getProperty("java.vendor") + ")" };
    }
}
