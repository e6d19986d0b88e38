package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;

/** Embeddings and models through openai-java, response validation on. */
class OpenAiJavaCatalogueIT extends OpenAiJavaTest {

    @Test
    void embeddingsInTheSdksDefaultBase64DecodeToTheSameVectorsAsFloats() {
        CreateEmbeddingResponse base64 = openai.embeddings().create(OpenAiJavaRequests.embeddings());
        CreateEmbeddingResponse floats = openai.embeddings().create(OpenAiJavaRequests.embeddings().toBuilder()
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(base64.data()).hasSize(ScenarioInputs.EMBEDDING_INPUTS.length);
        for (int i = 0; i < base64.data().size(); i++) {
            List<Float> decoded = base64.data().get(i).embedding();
            assertThat(decoded).hasSize(1024).isEqualTo(floats.data().get(i).embedding());
            assertThat(Math.sqrt(decoded.stream().mapToDouble(v -> v * v).sum())).isCloseTo(1.0, within(1e-3));
        }
        assertThat(base64.usage().promptTokens()).isPositive();
    }

    @Test
    void modelsListAndRetrieveParse() {
        List<Model> models = openai.models().list().data();
        Model coder = openai.models().retrieve(ScenarioInputs.MODEL);

        assertThat(models).extracting(Model::id).contains(ScenarioInputs.MODEL);
        assertThat(coder.id()).isEqualTo(ScenarioInputs.MODEL);
        assertThat(coder.ownedBy()).isNotBlank();
        assertThat(coder.created()).isPositive();
    }
}
