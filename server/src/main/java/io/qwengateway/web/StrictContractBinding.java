package io.qwengateway.web;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds request bodies to the contract's models with JSON types checked as OpenAI checks them, rather than coerced:
 * {@code "stream": 1} is not {@code true}, {@code "model": 1e999999} is not a string, {@code "n": "2"} is not a number,
 * {@code "n": 1.5} is not an integer, and {@code "messages": [null]} holds no message. Each refusal becomes a 400
 * naming the parameter and the expected type ({@code errors.JsonErrorMessages}), before any upstream call.
 *
 * <p>Only the binding that validates is strict: the request forwarded upstream is still the client's own JSON tree
 * ({@link JsonBodyCapture}), and responses are written with the application's usual mapper.
 */
@Configuration(proxyBeanMethods = false)
public class StrictContractBinding {

    static final String MODEL_PACKAGE = "io.qwengateway.api.model";

    @Bean
    ServerHttpMessageConvertersCustomizer strictContractModelReader(JsonMapper json) {
        JacksonJsonHttpMessageConverter reader = new ContractModelReader(strict(json));
        // A custom converter comes before the defaults: it reads the contract's models, the usual one the rest.
        return builder -> builder.addCustomConverter(reader);
    }

    /** The application's mapper with every coercion between JSON types switched off. */
    public static JsonMapper strict(JsonMapper json) {
        return json.rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        // Empty strings are strings: "" stays a valid value for a string field.
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Collection, config -> config
                        // "tools": [] is a valid empty list, not a coercion.
                        .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.POJO, config -> config
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Map, config -> config
                        .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.TryConvert))
                // A null inside an array or map is never a message, a tool or a stop word.
                .changeDefaultNullHandling(nulls -> JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL))
                .build();
    }

    /**
     * Reads the contract's models only, and writes nothing. A body that {@link JsonBodyCapture} has parsed is bound
     * from its tree: parsing its bytes again took a fifth of a large request's CPU (docs/performance.md, "Large
     * requests"), decoding every string a second time, where the tree hands over the strings it holds.
     */
    static final class ContractModelReader extends JacksonJsonHttpMessageConverter {

        private final JsonMapper strict;

        ContractModelReader(JsonMapper strict) {
            super(strict);
            this.strict = strict;
        }

        @Override
        public Object read(ResolvableType type, HttpInputMessage message, @Nullable Map<String, Object> hints)
                throws IOException {
            if (!(message instanceof CapturedJsonBody captured)) {
                return super.read(type, message, hints);
            }
            JavaType javaType = strict.constructType(type.getType());
            // The same wrapping as the converter's own reading, so that the same handlers answer.
            try {
                return strict.readerFor(javaType).readValue(captured.tree());
            } catch (InvalidDefinitionException e) {
                throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
            } catch (JacksonException e) {
                throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, message);
            }
        }

        @Override
        public boolean canRead(ResolvableType type, MediaType mediaType) {
            return isContractModel(type.resolve()) && super.canRead(type, mediaType);
        }

        @Override
        public boolean canRead(Class<?> type, MediaType mediaType) {
            return isContractModel(type) && super.canRead(type, mediaType);
        }

        @Override
        public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(Class<?> type, MediaType mediaType) {
            return false;
        }

        private static boolean isContractModel(Class<?> type) {
            return type != null && type.getPackageName().equals(MODEL_PACKAGE);
        }
    }
}
