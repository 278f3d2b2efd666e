package io.platform.release.sql;

import java.util.List;

/** A script that ran in earlier environments ({@code ranIn}, in environment order) but not yet in this one. */
public record SqlPending(String name, String checksum, String env, List<String> ranIn) {

}
