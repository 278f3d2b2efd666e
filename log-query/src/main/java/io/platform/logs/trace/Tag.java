package io.platform.logs.trace;

/** A key-value pair of a span or of a span's log. */
public record Tag(String key, String value) {
}
