package io.qwengateway.simulator;

/** Chat Completions request bodies used across tests. */
final class ChatRequests {

    private ChatRequests() {
    }

    static String userSays(String text) {
        return "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":" + quote(text) + "}]}";
    }

    static String streamedUserSays(String text) {
        return "{\"model\":\"coder-model\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":" + quote(text) + "}]}";
    }

    static String streamedWithUsage(String text) {
        return "{\"model\":\"coder-model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":" + quote(text) + "}]}";
    }

    static final String READ_FILE_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"read_file\","
            + "\"description\":\"Reads a file\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"path\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"},"
            + "\"follow\":{\"type\":\"boolean\"},\"tags\":{\"type\":\"array\"},\"options\":{\"type\":\"object\"},"
            + "\"encoding\":{\"type\":\"string\"}},"
            + "\"required\":[\"path\",\"limit\",\"follow\",\"tags\",\"options\"]}}}";

    static final String LIST_DIRECTORY_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"list_directory\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"dir\":{\"type\":\"string\"}},"
            + "\"required\":[\"dir\"]}}}";

    static String withTools(boolean stream, String... tools) {
        return "{\"model\":\"coder-model\",\"stream\":" + stream + ","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Show me the README\"}],"
                + "\"tools\":[" + String.join(",", tools) + "]}";
    }

    static String quote(String text) {
        return TestHttp.JSON.writeValueAsString(text);
    }
}
