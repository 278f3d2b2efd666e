package io.platform.release;

import java.util.List;

/** A service of a release as the API shows it. */
record ReleaseItemView(String app, List<String> branches, List<Script> sql) {

	record Script(String name, String script) {
	}

}
