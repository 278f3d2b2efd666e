package io.platform.deployment;

/** The steps of a deployment, in the order they run. */
public enum StepName {

	CHECKOUT, MERGE, BUILD, IMAGE, START, HEALTH, SWITCH;

	public String label() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** Steps that produce the image; a rollback reuses an image and skips them. */
	public boolean producesImage() {
		return ordinal() <= IMAGE.ordinal();
	}

}
