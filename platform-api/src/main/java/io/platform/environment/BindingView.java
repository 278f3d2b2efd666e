package io.platform.environment;

/**
 * A binding as the API shows it: a secret's value is always {@code ******}. {@code source} is
 * {@code environment} or {@code service} (an override) in a service's effective list.
 */
public record BindingView(String key, String value, boolean secret, String source) {

	static final String MASK = "******";

}
