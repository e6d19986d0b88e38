package io.qwengateway.observe.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.qwengateway.config.GatewayDirectories;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.observe.BackgroundQueue;
import io.qwengateway.observe.DropsWork;
import io.qwengateway.observe.ExchangeObserver;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.web.AdminProperties;
import io.qwengateway.web.WebProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * The debug files of {@code DEBUG_LOG} / {@code LOG_LEVEL}: with {@code debug}, one file per request
 * ({@link DebugFiles}, the newest {@code LOG_FILE_LIMIT} kept); with {@code error}, the default, failed requests
 * in the rolling error log ({@link ErrorLog}). Rendering and writing happen on a thread of their own behind a
 * bounded queue: a request never waits for a file, and files the queue cannot take are dropped and counted
 * ({@code qwen_gateway_observer_dropped_total{observer="debug_file"}}).
 */
@Component
public class DebugLog implements ExchangeObserver, DropsWork, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DebugLog.class);

    private final DebugLogProperties.Mode mode;
    private final Masking masking;
    private final BackgroundQueue queue;
    private final DebugFiles files;
    private final GatewayDirectories directories;
    private final DebugLogProperties.ErrorLog errorLogSettings;
    /** Opened at the first failure, on the queue's thread: a gateway that never fails makes no file. */
    private ErrorLog errorLog;

    public DebugLog(DebugLogProperties properties, GatewayDirectories directories, WebProperties web,
            AdminProperties admin, ApiKeyProperties apiKey, ObjectMapper json) {
        this.mode = properties.mode();
        List<String> secrets = new ArrayList<>(web.clientApiKeys());
        secrets.add(admin.key());
        secrets.add(apiKey.key());
        this.masking = new Masking(secrets, json);
        this.queue = new BackgroundQueue("debug-log", properties.queueCapacity());
        this.files = mode == DebugLogProperties.Mode.DEBUG ? new DebugFiles(directories.logs(), properties.fileLimit())
                : null;
        this.directories = directories;
        this.errorLogSettings = properties.errorLog();
        if (mode == DebugLogProperties.Mode.DEBUG) {
            log.info("Writing a debug file per request to {} (the newest {} kept)", directories.logs(),
                    properties.fileLimit());
        }
    }

    @Override
    public boolean wantsCapture() {
        return mode != DebugLogProperties.Mode.OFF;
    }

    @Override
    public boolean wantsEveryCapture() {
        return mode == DebugLogProperties.Mode.DEBUG;
    }

    @Override
    public void observe(ExchangeRecord exchange) {
        if (mode == DebugLogProperties.Mode.DEBUG) {
            queue.offer(() -> writeFile(exchange));
        } else if (mode == DebugLogProperties.Mode.ERROR && failed(exchange)) {
            queue.offer(() -> writeError(exchange));
        }
    }

    /** A request the operator may want to look into: refused or failed, not one whose client left. */
    private static boolean failed(ExchangeRecord exchange) {
        return exchange.outcome() == ExchangeRecord.Outcome.ERROR
                || exchange.outcome() == ExchangeRecord.Outcome.CLIENT_ERROR;
    }

    private void writeFile(ExchangeRecord exchange) {
        try {
            files.write(exchange, DebugText.render(exchange, masking));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the debug file of {}: {}", exchange.requestId(), e.toString());
        }
    }

    private void writeError(ExchangeRecord exchange) {
        try {
            if (errorLog == null) {
                errorLog = new ErrorLog(directories.logs(), errorLogSettings);
            }
            errorLog.write(DebugText.render(exchange, masking));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the error log entry of {}: {}", exchange.requestId(), e.toString());
        }
    }

    @Override
    public String droppedKind() {
        return "debug_file";
    }

    @Override
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public void destroy() {
        queue.close();
        if (errorLog != null) {
            errorLog.close();
        }
    }
}
