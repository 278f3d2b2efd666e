package io.platform.git;

/**
 * The repository of one service. {@code key} names the local mirror (the service name), {@code url} may
 * carry credentials and must never be logged unmasked.
 */
public record GitRemote(String key, String url) {

	@Override
	public String toString() {
		return "GitRemote[" + key + ", " + GitUrls.mask(url) + "]";
	}

}
