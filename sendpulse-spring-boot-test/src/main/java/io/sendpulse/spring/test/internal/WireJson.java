package io.sendpulse.spring.test.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's own JSON: request bodies read as trees with {@link RequestFields}, and
 * answers, errors and webhook bodies written field by field with the wire's snake_case
 * names, never through the client's records.
 */
final class WireJson {

	private final JsonMapper mapper = JsonMapper.builder().build();

	ObjectNode object() {
		return this.mapper.createObjectNode();
	}

	byte[] bytes(ObjectNode node) {
		return this.mapper.writeValueAsBytes(node);
	}

	RequestFields request(byte[] body) {
		JsonNode node;
		try {
			node = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			node = null;
		}
		if (node == null || !node.isObject()) {
			throw ApiProblem.invalid("body", "The request body must be a JSON object");
		}
		return new RequestFields(node, "");
	}

	Reply ok(ObjectNode node) {
		return new Reply(200, null, false, bytes(node), Reply.JSON);
	}

	// {"error":{"code","message","param"?}}, with Retry-After on a 429.
	Reply error(ApiProblem problem) {
		ObjectNode error = object();
		error.put("code", problem.code());
		error.put("message", problem.getMessage());
		if (problem.param() != null) {
			error.put("param", problem.param());
		}
		ObjectNode body = object();
		body.set("error", error);
		return new Reply(problem.status(), (problem.status() == 429) ? "1" : null, false, bytes(body), Reply.JSON);
	}

}
