package io.sendpulse.spring.internal.client;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sendpulse.spring.ApiError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The client's own JSON: snake_case, nulls left out, unknown fields ignored. Deliberately
 * not the application's mapper, so that an application's global Jackson settings never
 * change the wire format. Durations go on the wire as whole seconds, as the API counts
 * them. The mapper is made at the first call and shared by every client: made with the
 * client, it would load Jackson while the application starts.
 */
final class JsonCodec {

	/**
	 * Make the mapper now rather than at the first call, and have it write and read a
	 * record once: that loads most of what the first call's body and answer would (about
	 * 80 ms of a first send, hand-timed).
	 */
	void prepare() {
		ApiError sample = new ApiError("warm_up", null, null);
		read(write(sample), ApiError.class);
	}

	byte[] write(Object value) {
		return Mapper.WRITERS.get(value.getClass()).writeValueAsBytes(value);
	}

	<T> T read(byte[] json, Class<T> type) {
		T value = Mapper.READERS.get(type).readValue(json);
		// A JSON null is no answer either; left through, it would surface as a connection
		// failure.
		if (value == null) {
			throw new IllegalArgumentException("Expected a JSON object but got null");
		}
		return value;
	}

	/**
	 * Read the API's error body, whatever arrived: HTML from a proxy, an empty or
	 * truncated body all give {@code null}.
	 */
	@Nullable ApiError readError(byte[] body) {
		if (body.length == 0 || body[0] != '{') {
			return null;
		}
		try {
			JsonNode error = Mapper.INSTANCE.readTree(body).path("error");
			if (!error.isObject()) {
				return null;
			}
			return new ApiError(text(error, "code"), text(error, "message"), text(error, "param"));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	private static final class SecondsSerializer extends ValueSerializer<Duration> {

		@Override
		public void serialize(Duration value, JsonGenerator generator, SerializationContext context) {
			generator.writeNumber(value.getSeconds());
		}

	}

	/** Holds the mapper, made when a call first asks for it. */
	private static final class Mapper {

		static final JsonMapper INSTANCE = JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.addModule(new SimpleModule("sendpulse").addSerializer(Duration.class, new SecondsSerializer()))
			.build();

		/**
		 * A reader per type, holding its type and deserializer: the mapper would look
		 * both up on every call.
		 */
		static final ClassValue<ObjectReader> READERS = new ClassValue<>() {

			@Override
			protected ObjectReader computeValue(Class<?> type) {
				return INSTANCE.readerFor(type);
			}

		};

		/** A writer per type, holding its serializer, for the same reason. */
		static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {

			@Override
			protected ObjectWriter computeValue(Class<?> type) {
				return INSTANCE.writerFor(type);
			}

		};

		private Mapper() {
		}

	}

}
