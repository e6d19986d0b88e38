package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemMessageMergerTest {

    private final SystemMessageMerger merger = new SystemMessageMerger();

    @Test
    void severalSystemAndDeveloperMessagesBecomeOneLeadingSystemMessage() {
        String body = """
                {'messages': [
                  {'role': 'system', 'content': 'You are terse.'},
                  {'role': 'user', 'content': 'hi'},
                  {'role': 'developer', 'content': 'Answer in French.'},
                  {'role': 'assistant', 'content': 'salut'},
                  {'role': 'system', 'content': [{'type': 'text', 'text': 'No emoji.'}]}
                ]}""";

        assertThat(applied(merger, body)).isEqualTo(json("""
                {'messages': [
                  {'role': 'system', 'content': 'You are terse.\\n\\nAnswer in French.\\n\\nNo emoji.'},
                  {'role': 'user', 'content': 'hi'},
                  {'role': 'assistant', 'content': 'salut'}
                ]}"""));
    }

    @Test
    void aLoneLeadingSystemMessageIsLeftExactlyAsSent() {
        String body = """
                {'messages': [
                  {'role': 'system', 'content': [{'type': 'text', 'text': 'a'}, {'type': 'text', 'text': 'b'}], 'name': 'x'},
                  {'role': 'user', 'content': 'hi'}
                ]}""";

        assertThat(applied(merger, body)).isEqualTo(json(body));
    }

    @Test
    void aSingleSystemMessageThatIsNotFirstMovesToTheFront() {
        String body = """
                {'messages': [
                  {'role': 'user', 'content': 'hi'},
                  {'role': 'system', 'content': 'Be kind.'}
                ]}""";

        assertThat(applied(merger, body)).isEqualTo(json("""
                {'messages': [
                  {'role': 'system', 'content': 'Be kind.'},
                  {'role': 'user', 'content': 'hi'}
                ]}"""));
    }

    @Test
    void aLeadingDeveloperMessageBecomesTheSystemMessage() {
        String body = "{'messages': [{'role': 'developer', 'content': 'Rules.'}, {'role': 'user', 'content': 'hi'}]}";

        assertThat(applied(merger, body).path("messages").get(0)).isEqualTo(json("{'role': 'system', 'content': 'Rules.'}"));
    }

    @Test
    void emptySystemTextsAddNoBlankParagraphs() {
        String body = """
                {'messages': [
                  {'role': 'system', 'content': ''},
                  {'role': 'system', 'content': null},
                  {'role': 'system', 'content': 'Only this.'},
                  {'role': 'user', 'content': 'hi'}
                ]}""";

        assertThat(applied(merger, body).path("messages").get(0).path("content").asString()).isEqualTo("Only this.");
    }

    @Test
    void requestsWithoutSystemMessagesOrWithoutMessagesAreUntouched() {
        String noSystem = "{'messages': [{'role': 'user', 'content': 'hi'}, {'role': 'assistant', 'content': 'yo'}]}";
        String noMessages = "{'model': 'coder-model'}";

        assertThat(applied(merger, noSystem)).isEqualTo(json(noSystem));
        assertThat(applied(merger, noMessages)).isEqualTo(json(noMessages));
    }
}
