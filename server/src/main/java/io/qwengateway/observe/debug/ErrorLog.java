package io.qwengateway.observe.debug;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.qwengateway.credentials.PrivateFiles;

/**
 * The error log: failed requests' debug text appended to one file, rolled by Logback by day and by size, with the
 * rolled files kept for some days up to a total size. The appender belongs to no logger: Spring Boot re-initialises
 * the logger configuration (another context in the same JVM, a refresh), which would otherwise detach it, and no
 * other log line belongs in this file. Used by one thread only.
 */
final class ErrorLog implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();

    ErrorLog(Path directory, DebugLogProperties.ErrorLog settings) throws IOException {
        PrivateFiles.createDirectories(directory);
        String name = settings.fileName();
        String stem = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        appender.setContext(context);
        appender.setName("qwen-gateway-error-log");
        appender.setFile(directory.resolve(name).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory.resolve(stem + ".%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(new FileSize(settings.maxFileSize().toBytes()));
        rolling.setMaxHistory(settings.maxHistory());
        rolling.setTotalSizeCap(new FileSize(settings.totalSizeCap().toBytes()));
        rolling.start();
        appender.setRollingPolicy(rolling);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
    }

    void write(String text) {
        appender.doAppend(new LoggingEvent(ErrorLog.class.getName(), context.getLogger(ErrorLog.class), Level.ERROR,
                text, null, null));
    }

    @Override
    public void close() {
        appender.stop();
    }
}
