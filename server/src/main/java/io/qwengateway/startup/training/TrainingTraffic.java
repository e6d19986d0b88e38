package io.qwengateway.startup.training;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * What a training start sends the gateway: the requests its clients send most (chat completions from SDKs and
 * editors, Responses from Codex, Messages from Claude Code; streamed and not, with tools and without), the operator's
 * reads, and a few mistakes, so that each path's classes are loaded, linked and profiled before any user's request.
 * Sent with Apache HttpClient, the gateway's own upstream client, so that the classes it loads serve the upstream
 * side too.
 */
final class TrainingTraffic {

    private static final String TOOL = """
            {"type":"function","function":{"name":"read_file","description":"Reads a file","parameters":\
            {"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}""";

    private static final List<Call> ROUND = List.of(
            Call.get("/health"),
            Call.get("/v1/models"),
            Call.post("/v1/chat/completions", """
                    {"model":"coder-model","messages":[{"role":"system","content":"You are a coding assistant."},\
                    {"role":"user","content":"Say hello."}]}"""),
            Call.post("/v1/chat/completions", """
                    {"model":"coder-model","stream":true,"stream_options":{"include_usage":true},"messages":\
                    [{"role":"user","content":"Say hello."}]}"""),
            Call.post("/v1/chat/completions", """
                    {"model":"coder-model","stream":true,"temperature":0,"tools":[%s],"messages":\
                    [{"role":"user","content":"Read the README."}]}""".formatted(TOOL)),
            Call.post("/v1/chat/completions", """
                    {"model":"coder-model","tools":[%s],"messages":[{"role":"user","content":"Read the README."}]}"""
                    .formatted(TOOL)),
            Call.post("/v1/responses", """
                    {"model":"coder-model","instructions":"You are Codex.","input":[{"type":"message","role":"user",\
                    "content":[{"type":"input_text","text":"Say hello."}]}],"stream":true,"store":false}"""),
            Call.post("/v1/responses", """
                    {"model":"coder-model","input":"Read the README.","tools":[{"type":"function","name":\
                    "read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}],\
                    "stream":true,"store":false}"""),
            Call.post("/v1/responses", """
                    {"model":"coder-model","input":"Say hello."}"""),
            Call.post("/v1/messages", """
                    {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,"system":[{"type":"text","text":\
                    "You are Claude Code."}],"messages":[{"role":"user","content":[{"type":"text","text":\
                    "Read the README."}]}],"tools":[{"name":"read_file","description":"Reads a file",\
                    "input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}]}"""),
            Call.post("/v1/messages", """
                    {"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Say hello."}]}\
                    """),
            Call.post("/v1/messages/count_tokens", """
                    {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Say hello."}]}"""),
            Call.post("/v1/embeddings", """
                    {"model":"text-embedding-v4","input":"hello"}"""),
            Call.post("/v1/chat/completions", "{\"model\":\"coder-model\",\"messages\":"),
            Call.post("/v1/chat/completions", "{\"model\":\"coder-model\"}"),
            Call.get("/v1/no-such-endpoint"));

    private TrainingTraffic() {
    }

    /**
     * Sends {@code rounds} rounds of every request to the gateway at {@code baseUrl}, reading each answer to its end.
     *
     * @return how many answers had each status, e.g. {@code {200=130, 400=20, 404=10}}
     */
    static Map<Integer, Integer> send(String baseUrl, int rounds) throws IOException {
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            for (int round = 0; round < rounds; round++) {
                for (Call call : ROUND) {
                    HttpUriRequestBase request = call.request(baseUrl);
                    int status = client.execute(request, response -> {
                        EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    });
                    statuses.merge(status, 1, Integer::sum);
                }
            }
        }
        return statuses;
    }

    private record Call(String path, String body) {

        static Call get(String path) {
            return new Call(path, null);
        }

        static Call post(String path, String body) {
            return new Call(path, body);
        }

        HttpUriRequestBase request(String baseUrl) {
            if (body == null) {
                return new HttpGet(baseUrl + path);
            }
            HttpPost post = new HttpPost(baseUrl + path);
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            if (path.startsWith("/v1/messages")) {
                post.setHeader("anthropic-version", "2023-06-01");
            }
            return post;
        }
    }
}
