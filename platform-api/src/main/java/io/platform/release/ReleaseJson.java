package io.platform.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.git.BranchHead;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON texts kept in release columns (scripts, heads per service, deployments of a stage). */
final class ReleaseJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ReleaseJson() {
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	static List<ReleaseItemView.Script> scripts(String text) {
		return text == null || text.isBlank() ? List.of() : JSON.readValue(text, new TypeReference<>() {
		});
	}

	static Map<String, List<BranchHead>> heads(String text) {
		return text == null || text.isBlank() ? new LinkedHashMap<>()
				: JSON.readValue(text, new TypeReference<LinkedHashMap<String, List<BranchHead>>>() {
				});
	}

	static List<ReleaseView.StageDeployment> deployments(String text) {
		return text == null || text.isBlank() ? List.of() : JSON.readValue(text, new TypeReference<>() {
		});
	}

	static List<String> names(String text) {
		return text == null || text.isBlank() ? List.of() : JSON.readValue(text, new TypeReference<>() {
		});
	}

}
