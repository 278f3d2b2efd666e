package io.platform.git;

/** Names the plain Git provider's bean, for scoped providers that clone and fetch through it. */
public final class PlainGit {

	/** Qualifier of the plain Git provider: {@code @Qualifier(PlainGit.NAME) GitProvider}. */
	public static final String NAME = "plainGit";

	private PlainGit() {
	}

}
